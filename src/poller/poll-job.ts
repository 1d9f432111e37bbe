import {
  asyncScheduler,
  defer,
  EMPTY,
  expand,
  filter,
  map,
  switchMap,
  takeUntil,
  tap,
  type Observable,
  type SchedulerLike,
} from 'rxjs';
import { BulkTimeoutError } from '../errors/bulk-timeout-error.js';
import { longTimer } from '../http/long-timer.js';
import type { BulkJob } from '../models/bulk-job.js';
import { DEFAULT_POLL_POLICY, type PollPolicy } from './poll-policy.js';
import { createPollSchedule } from './poll-schedule.js';

/** Options of {@link pollJob}. */
export interface PollJobOptions {
  readonly policy?: PollPolicy;
  /**
   * Deadline from subscription; on expiry the stream errors with `BulkTimeoutError` (the job is
   * left alone). `Infinity` (or undefined) waits forever; any finite length is honoured, also
   * beyond the 2^31 - 1 ms a single JS timer can wait.
   */
  readonly timeoutMs?: number;
  readonly scheduler?: SchedulerLike;
  /** The snapshot already known (e.g. from the close call): not re-emitted unless something changed. */
  readonly initial?: BulkJob;
  /** Records the job has to process (ingest: rows uploaded), so the adaptive policy can predict the end. */
  readonly total?: number;
}

/**
 * Polls a job until it is terminal: an `expand` loop of scheduler timers, so it runs in
 * virtual time under `TestScheduler`. Emits a snapshot only when the state or the counts
 * changed, completes after the terminal snapshot, and unsubscribing stops the timer and
 * any request in flight.
 */
export function pollJob(fetchJob: () => Observable<BulkJob>, options: PollJobOptions = {}): Observable<BulkJob> {
  const scheduler = options.scheduler ?? asyncScheduler;
  return defer(() => {
    const timeoutMs =
      options.timeoutMs !== undefined && Number.isFinite(options.timeoutMs) ? options.timeoutMs : undefined;
    const deadlineAt = timeoutMs === undefined ? undefined : scheduler.now() + timeoutMs;
    const schedule = createPollSchedule(options.policy ?? DEFAULT_POLL_POLICY, { total: options.total, deadlineAt });
    let last = options.initial;
    let emitted = options.initial;
    const pollAfter = (delay: number): Observable<BulkJob> =>
      longTimer(delay, scheduler).pipe(
        switchMap(() => fetchJob()),
        tap((job) => (last = job)),
      );
    const polls = pollAfter(schedule.next(last, scheduler.now())).pipe(
      expand((job) => (job.isComplete() ? EMPTY : pollAfter(schedule.next(job, scheduler.now())))),
      filter((job) => {
        const changed = emitted === undefined || !sameProgress(emitted, job);
        if (changed) emitted = job;
        return changed;
      }),
    );
    if (timeoutMs === undefined) return polls;
    const deadline = longTimer(timeoutMs, scheduler).pipe(
      map(() => {
        throw new BulkTimeoutError(timeoutMs, last);
      }),
    );
    return polls.pipe(takeUntil(deadline));
  });
}

/** Same state and counters: nothing worth telling the caller. */
export function sameProgress(a: BulkJob, b: BulkJob): boolean {
  return (
    a.id === b.id &&
    a.state === b.state &&
    a.numberRecordsProcessed === b.numberRecordsProcessed &&
    a.numberRecordsFailed === b.numberRecordsFailed
  );
}
