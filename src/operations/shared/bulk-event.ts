import type { Observable } from 'rxjs';
import type { BulkJob } from '../../models/bulk-job.js';
import type { BulkResult } from '../../models/bulk-result.js';

/** A record to load: field API names to values (`null` clears a field, nested objects are relationship lookups). */
export type BulkRecord = Readonly<Record<string, unknown>>;

/**
 * A handle on one running operation, carried by each of its events, so that operators can
 * act on the server without knowing the client: abort its jobs, or run it again on other rows.
 */
export interface JobControl {
  /** The operation (`insert`, `upsert`, ..., `query`, `queryAll`). */
  readonly operation: string;
  /** The sObject. */
  readonly object: string;
  /**
   * Aborts every job of this operation that is not yet finished on the server and emits the
   * `Aborted` snapshots, then completes. Calling it again does nothing more.
   */
  abort(): Observable<BulkJob>;
  /**
   * Runs the same operation with the same options over other records, as new job(s).
   * Present on ingest operations.
   */
  resubmit?(records: readonly BulkRecord[]): Observable<BulkEvent<BulkResult>>;
}

/** A job snapshot: emitted when the job's state or counts changed. */
export interface BulkJobEvent {
  /** Tells a job event from the result event. */
  readonly type: 'job';
  /** The job's snapshot. */
  readonly job: BulkJob;
  /** A handle on the operation: abort its jobs, or run it again on other records. */
  readonly control: JobControl;
  /** Records submitted to this job, when known (ingest): lets progress bars show a percentage. */
  readonly total?: number | undefined;
}

/** The final outcome, emitted once, just before completion. */
export interface BulkResultEvent<R> {
  /** Tells the result event from a job event. */
  readonly type: 'result';
  /** The operation's outcome: a `BulkResult` (ingest) or a `BulkQueryResult` (query). */
  readonly result: R;
  /** A handle on the operation: abort its jobs, or run it again on other records. */
  readonly control: JobControl;
}

/**
 * What every operation emits: job snapshots while it runs, then one result, then complete.
 * Promise users write `lastValueFrom(op.pipe(toResult()))`.
 */
export type BulkEvent<R> = BulkJobEvent | BulkResultEvent<R>;
