import type { BulkJob } from '../../models/bulk-job.js';
import type { BulkResult } from '../../models/bulk-result.js';
import type { JobControl } from '../shared/bulk-event.js';

/** A snapshot of one job of a sink, whenever its state or counts changed. */
export interface SinkJobEvent {
  /** Tells the events apart. */
  readonly type: 'job';
  /** The job's number in the sink's life (0, 1, 2, ...; a restarted sink on a journal goes on counting). */
  readonly jobIndex: number;
  /** The job's snapshot. */
  readonly job: BulkJob;
  /** Records sent to this job. */
  readonly total: number;
}

/**
 * One job's result, emitted as soon as that job finished and its result files were read (jobs
 * finish in any order). `result` holds only this job's rows, tied to its input records
 * (`result.inputOf(row)`); `control` resubmits records with the same operation and options, so
 * `retryFailedRecords` applies (see docs/pipelines.md).
 */
export interface SinkJobResultEvent<R extends object = object> {
  /** Tells the events apart. */
  readonly type: 'jobResult';
  /** The job's number in the sink's life (as in its `job` events). */
  readonly jobIndex: number;
  /** The job's final snapshot. */
  readonly job: BulkJob;
  /** The job's rows and counts. */
  readonly result: BulkResult<R>;
  /** A handle on the job: `resubmit` runs the same operation over other records. */
  readonly control: JobControl;
}

/** The sink stopped creating jobs: the org's remaining daily API requests are below the threshold. */
export interface SinkPausedEvent {
  /** Tells the events apart. */
  readonly type: 'paused';
  /** Why: the org's daily API requests. */
  readonly reason: 'apiLimit';
  /** Remaining daily API requests at the last reading. */
  readonly remaining: number;
  /** The threshold (`minRemainingApiCalls`). */
  readonly min: number;
}

/** The sink creates jobs again: a `/limits` reading showed enough requests left. */
export interface SinkResumedEvent {
  /** Tells the events apart. */
  readonly type: 'resumed';
  /** What had paused it: the org's daily API requests. */
  readonly reason: 'apiLimit';
  /** Remaining daily API requests at the reading that resumed it. */
  readonly remaining: number;
}

/** A record refused because the buffer was full (`overflow: 'drop'`): it is in no job. */
export interface SinkDroppedEvent<R extends object = object> {
  /** Tells the events apart. */
  readonly type: 'dropped';
  /** The record refused: in no job; put it back on your queue, or log it. */
  readonly record: R;
}

/** What a bulk sink emits: per-job snapshots and results, pauses, and dropped records. */
export type SinkEvent<R extends object = object> =
  SinkJobEvent | SinkJobResultEvent<R> | SinkPausedEvent | SinkResumedEvent | SinkDroppedEvent<R>;
