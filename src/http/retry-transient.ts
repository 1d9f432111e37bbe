import { catchError, defer, type MonoTypeOperatorFunction, of, retry, type SchedulerLike, throwError } from 'rxjs';
import { ConnectionError } from '../errors/connection-error.js';
import { ServerError } from '../errors/server-error.js';
import { longTimer } from './long-timer.js';
import { isRetryable, retryDelayMs, type RetryPolicy } from './retry-policy.js';

/** How {@link retryTransient} retries one request. */
export interface RetryTransientSettings<T> {
  readonly policy: RetryPolicy;
  /** Whether sending the request twice is harmless (see `ApiRequest.idempotent`). */
  readonly idempotent: boolean;
  /** Where backoff timers run (a `TestScheduler` in marble tests). */
  readonly scheduler: SchedulerLike;
  /** Source of jitter (default `Math.random`). */
  readonly random?: (() => number) | undefined;
  /** Told about each retry before its delay starts (logging, counting). */
  readonly onRetry?: ((retry: number, delayMs: number, error: unknown) => void) | undefined;
  /**
   * After an attempt that may have reached the server failed, a later attempt failing with an
   * error for which this returns true proves the earlier one took effect (a second upload to a
   * job refused as "multiple contents"): the request then succeeds with `applied()`.
   */
  readonly alreadyApplied?: ((error: unknown) => boolean) | undefined;
  /** The value to emit when `alreadyApplied` recognised the error. */
  readonly applied?: (() => T) | undefined;
}

/**
 * Retries transient failures of a cold request Observable: capped exponential backoff with
 * jitter, or the server's `Retry-After`, on the given scheduler. Each retry resubscribes the
 * whole request (a fresh session, a fresh socket). Errors that are not retryable for the
 * request's idempotency, and the last error once `maxRetries` is spent, pass through unchanged.
 */
export function retryTransient<T>(settings: RetryTransientSettings<T>): MonoTypeOperatorFunction<T> {
  const { policy, idempotent, scheduler } = settings;
  return (source) =>
    defer(() => {
      let mayHaveLanded = false;
      const retried = source.pipe(
        retry({
          count: policy.maxRetries,
          delay: (error: unknown, retryCount: number) => {
            if (!isRetryable(error, idempotent)) return throwError(() => error);
            if (reachedServer(error)) mayHaveLanded = true;
            const ms = retryDelayMs(policy, retryCount, error, settings.random);
            settings.onRetry?.(retryCount, ms, error);
            return longTimer(ms, scheduler);
          },
        }),
      );
      const { alreadyApplied, applied } = settings;
      if (!alreadyApplied || !applied) return retried;
      return retried.pipe(
        catchError((error: unknown) =>
          mayHaveLanded && alreadyApplied(error) ? of(applied()) : throwError(() => error),
        ),
      );
    });
}

/** Whether a failed attempt may still have been carried out by the server. */
export function reachedServer(error: unknown): boolean {
  return (error instanceof ConnectionError && error.requestSent) || error instanceof ServerError;
}
