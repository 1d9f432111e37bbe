import { take, type Observable } from 'rxjs';

/**
 * Raised inside the query machinery when its AbortSignal fires (the consumer unsubscribed
 * or closed the cursor). Never reaches a caller: whoever closed the run is not listening.
 */
export class RunClosed extends Error {
  override readonly name = 'RunClosed';
  constructor() {
    super('the query run was closed');
  }
}

const ignore = (): void => undefined;

/**
 * Awaits a promise unless the signal fires first. An async iterator's `next()` cannot be
 * interrupted (its `return()` queues behind it), so the caller stops waiting here and
 * releases the source separately. A late rejection of the abandoned promise is swallowed.
 */
export function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) {
    promise.catch(ignore);
    return Promise.reject(new RunClosed());
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => {
      promise.catch(ignore);
      reject(new RunClosed());
    };
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

/**
 * The first value of a cold Observable as a promise; the signal unsubscribes it, which
 * aborts an HTTP request still waiting for its response (the transport's teardown).
 */
export function firstValueAbortable<T>(source: Observable<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(new RunClosed());
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const onAbort = (): void => {
      subscription.unsubscribe();
      if (!settled) reject(new RunClosed());
    };
    const subscription = source.pipe(take(1)).subscribe({
      next: (value) => {
        settled = true;
        resolve(value);
      },
      error: (error: unknown) => {
        settled = true;
        reject(error);
      },
      complete: () => {
        if (!settled) reject(new Error('the request completed without a response'));
        signal.removeEventListener('abort', onAbort);
      },
    });
    if (subscription.closed) return;
    signal.addEventListener('abort', onAbort, { once: true });
    subscription.add(() => signal.removeEventListener('abort', onAbort));
  });
}
