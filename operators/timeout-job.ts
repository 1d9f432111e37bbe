import {
  asyncScheduler,
  defaultIfEmpty,
  last,
  Observable,
  timer,
  type MonoTypeOperatorFunction,
  type SchedulerLike,
} from 'rxjs';
import { BulkTimeoutError, type BulkEvent, type BulkJob, type JobControl } from '../src/index.js';

/** How long an operation may take, in minutes or milliseconds. */
export type TimeoutJobConfig = (
  | {
      /** The time allowed, in minutes. */
      readonly minutes: number;
    }
  | {
      /** The time allowed, in milliseconds. */
      readonly ms: number;
    }
) & {
  /** Scheduler for the deadline (tests pass a TestScheduler). */
  readonly scheduler?: SchedulerLike;
};

/**
 * Puts a deadline on a whole operation. When no result has arrived in time, the operator
 * aborts the Salesforce job(s) still running, then errors with a `BulkTimeoutError` that
 * carries the job id and the last snapshot. It never deletes a job.
 *
 * The deadline counts from subscription, and is cancelled as soon as the source completes.
 *
 * ## Example
 * ```ts
 * import { lastValueFrom } from 'rxjs';
 * import { timeoutJob, toResult } from 'kinetic-core/operators';
 *
 * const result = await lastValueFrom(
 *   client.bulk.insert('Account', records).pipe(timeoutJob({ minutes: 10 }), toResult()),
 * );
 * ```
 *
 * @param config `{ minutes }` or `{ ms }`, and optionally a `scheduler`.
 * @returns An operator that mirrors the source until the deadline.
 */
export function timeoutJob<R>(config: TimeoutJobConfig): MonoTypeOperatorFunction<BulkEvent<R>> {
  const ms = 'ms' in config ? config.ms : config.minutes * 60_000;
  if (!(ms > 0)) throw new RangeError('timeoutJob needs a positive duration');
  const scheduler = config.scheduler ?? asyncScheduler;
  return (source) =>
    new Observable<BulkEvent<R>>((subscriber) => {
      let control: JobControl | undefined;
      let lastJob: BulkJob | undefined;
      const upstream = source.subscribe({
        next: (event) => {
          control = event.control;
          if (event.type === 'job') lastJob = event.job;
          subscriber.next(event);
        },
        error: (error: unknown) => subscriber.error(error),
        complete: () => subscriber.complete(),
      });
      const deadline = timer(ms, scheduler).subscribe(() => {
        // subscribe to the abort before stopping the source, so the source's teardown finds the
        // job already being aborted and does not send a second PATCH
        const fail = (job: BulkJob | undefined): void => subscriber.error(new BulkTimeoutError(ms, job ?? lastJob));
        if (control) {
          control
            .abort()
            .pipe(defaultIfEmpty(lastJob), last())
            .subscribe({ next: fail, error: () => fail(lastJob) });
        }
        upstream.unsubscribe();
        if (!control) fail(lastJob);
      });
      return () => {
        deadline.unsubscribe();
        upstream.unsubscribe();
      };
    });
}
