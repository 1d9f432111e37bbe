import { fromEvent, isObservable, Observable, take, type MonoTypeOperatorFunction } from 'rxjs';
import type { BulkEvent, JobControl } from '../src/index.js';

/** What cancels: any emission of an Observable (a Cancel button's clicks, a Subject), or an `AbortSignal`. */
export type CancelNotifier = Observable<unknown> | AbortSignal;

/**
 * Cancels an operation from outside: when the notifier emits (or the signal aborts), the
 * operator stops the operation, aborts its Salesforce job(s) still running, emits the final
 * `Aborted` snapshot(s) as job events, then **completes** (without a result).
 *
 * If the notifier fires before any job exists, the stream completes at once and the job
 * that is being created is aborted as soon as Salesforce returns it.
 *
 * ## Example
 * ```ts
 * import { Subject } from 'rxjs';
 * import { cancelOn, progress } from 'kinetic-core/operators';
 *
 * const cancel$ = new Subject<void>();
 * client.bulk.insert('Account', records).pipe(cancelOn(cancel$), progress()).subscribe((p) => console.log(p.state));
 * cancelButton.onclick = () => cancel$.next(); // the job ends Aborted on the server
 * ```
 *
 * @param notifier An Observable whose first emission cancels, or an `AbortSignal`.
 * @returns An operator that mirrors the source until cancelled.
 */
export function cancelOn<R>(notifier: CancelNotifier): MonoTypeOperatorFunction<BulkEvent<R>> {
  return (source) =>
    new Observable<BulkEvent<R>>((subscriber) => {
      let control: JobControl | undefined;
      const upstream = source.subscribe({
        next: (event) => {
          control = event.control;
          subscriber.next(event);
        },
        error: (error: unknown) => subscriber.error(error),
        complete: () => subscriber.complete(),
      });
      const cancel = (): void => {
        if (subscriber.closed) return;
        const current = control;
        if (!current) {
          upstream.unsubscribe(); // teardown aborts the job whose creation is in flight
          subscriber.complete();
          return;
        }
        // subscribe to the abort before stopping the source, so its teardown sends no second PATCH
        current.abort().subscribe({
          next: (job) => subscriber.next({ type: 'job', job, control: current }),
          error: (error: unknown) => subscriber.error(error),
          complete: () => subscriber.complete(),
        });
        upstream.unsubscribe();
      };
      const trigger = isObservable(notifier) ? notifier.pipe(take(1)) : signalFired(notifier);
      const watcher = trigger.subscribe(cancel);
      return () => {
        watcher.unsubscribe();
        upstream.unsubscribe();
      };
    });
}

function signalFired(signal: AbortSignal): Observable<unknown> {
  return new Observable<unknown>((subscriber) => {
    if (signal.aborted) {
      subscriber.next(signal.reason);
      subscriber.complete();
      return undefined;
    }
    return fromEvent(signal, 'abort').pipe(take(1)).subscribe(subscriber);
  });
}
