import { from, Observable, type ObservableInput, type Subscription } from 'rxjs';

/** A pull source: reads resolve to the next value, or null at the end. */
export interface Closable {
  /** Stops the source: reads in flight and later resolve to null; what it holds is released. */
  close(): unknown;
}

/**
 * The one bridge from the pull-based query cursor to Observables. Opens the source at
 * subscription, reads a value, runs `work` on it, and reads the next value only once what
 * `work` returned has completed: the consumer sets the pace, as with the cursor itself.
 * Unsubscribing closes the source (which aborts a request in flight and a job still running).
 * A synchronous throw of `open` (bad input) is an error of the stream.
 */
export function pullThrough<S extends Closable, T, R>(
  open: () => S,
  read: (source: S) => Promise<T | null>,
  work: (value: T) => ObservableInput<R>,
): Observable<R> {
  return new Observable<R>((subscriber) => {
    const source = open();
    let inner: Subscription | undefined;
    const step = (): void => {
      read(source).then(
        (value) => {
          if (subscriber.closed) return;
          if (value === null) return subscriber.complete();
          inner = from(work(value)).subscribe({
            next: (result) => subscriber.next(result),
            error: (error: unknown) => subscriber.error(error),
            complete: step,
          });
        },
        (error: unknown) => subscriber.error(error),
      );
    };
    step();
    return () => {
      inner?.unsubscribe();
      void source.close();
    };
  });
}
