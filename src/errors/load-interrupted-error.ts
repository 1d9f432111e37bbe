import type { BulkJob } from '../models/bulk-job.js';
import type { BulkResult } from '../models/bulk-result.js';
import { KineticError } from './kinetic-error.js';

/**
 * A load stopped midway after it had created jobs: a bad record late in a stream, an input
 * that failed to read, a journal that could not be written. Nothing is hidden: `jobs` holds
 * every job the load created with its last state and counts (jobs already running were let
 * finish), `result` the rows of every finished job, tied to their input rows (rows in no job of
 * it were not committed), and `rowsRead` how many input rows were read into slices before the
 * load stopped (the rows after them were never read). `cause` says what
 * stopped the load. With a journal, rerunning the load with it resumes exactly where it stopped.
 */
export class LoadInterruptedError extends KineticError {
  override readonly name: string = 'LoadInterruptedError';
  /** Every job the load created, latest snapshot. */
  readonly jobs: readonly BulkJob[];
  /** The rows of the finished jobs. */
  readonly result: BulkResult;
  /** Input rows read into slices (input rows 0 to `rowsRead - 1`); later rows were never read. */
  readonly rowsRead: number;

  constructor(cause: unknown, result: BulkResult, rowsRead: number) {
    const why = cause instanceof Error ? cause.message : String(cause);
    super(
      `The load stopped after ${result.jobs.length} job(s) and ${rowsRead} rows read (${result.successCount} succeeded, ${result.failedCount} failed, ${result.unprocessedCount} unprocessed): ${why}`,
      { cause },
    );
    this.jobs = result.jobs;
    this.result = result;
    this.rowsRead = rowsRead;
  }
}
