import type { BulkJob } from '../models/bulk-job.js';

/** Decides the delay before each poll of one job. Stateful: one per job. */
export interface PollSchedule {
  /** Delay before the next poll; `last` is the latest snapshot (undefined before the first), `now` the scheduler's time. */
  next(last: BulkJob | undefined, now: number): number;
}

/** What a schedule may know about the job besides its snapshots. */
export interface PollContext {
  /** Records the job has to process (ingest: rows uploaded); lets the adaptive policy predict the end. */
  readonly total?: number | undefined;
  /** Scheduler time at which the caller stops waiting; the adaptive policy polls once just before it. */
  readonly deadlineAt?: number | undefined;
}
