import type { BulkResult, FailedRecord, SuccessRecord, UnprocessedRecord } from '../models/bulk-result.js';
import { ResponseValidationError } from './response-validation-error.js';

/** How one job's result files disagreed with what was sent to it. */
export interface JobResultMismatch {
  /** The job whose result files disagreed. */
  readonly jobId: string;
  /** Rows uploaded to the job. */
  readonly sent: number;
  /** The result files held more rows than were sent (reading stopped at the first extra row). */
  readonly extraRows: boolean;
  /** Result rows that match no input row of the job, or one already answered (duplicates). */
  readonly unmatchedRows: number;
}

/**
 * Raised at the end of a load whose result files do not reconcile with its input: a job's
 * files held more rows than were sent to it, a row twice, or rows that match no input row.
 * Nothing is lost: `result` still reports every input row exactly once (rows the files did not
 * account for as unprocessed, `missingFromResults`), and the rows that could not be tied to an
 * input row are in `unmatchedRows` (the first 1,000) rather than in the counts.
 */
export class ResultMismatchError extends ResponseValidationError {
  override readonly name: string = 'ResultMismatchError';
  /** Every input row, each once. */
  readonly result: BulkResult;
  /** Per job, what disagreed. */
  readonly jobs: readonly JobResultMismatch[];
  /** Result rows tied to no input row (at most the first 1,000 are kept). */
  readonly unmatchedRows: readonly (SuccessRecord | FailedRecord | UnprocessedRecord)[];

  constructor(
    result: BulkResult,
    jobs: readonly JobResultMismatch[],
    unmatchedRows: readonly (SuccessRecord | FailedRecord | UnprocessedRecord)[],
  ) {
    const unmatched = jobs.reduce((sum, job) => sum + job.unmatchedRows, 0);
    const extra = jobs.filter((job) => job.extraRows).map((job) => job.jobId);
    const parts = [
      ...(extra.length > 0 ? [`more result rows than rows sent (job ${extra.join(', ')})`] : []),
      ...(unmatched > 0 ? [`${unmatched} result rows that match no input row or repeat one`] : []),
    ];
    const message = `The result files do not reconcile with the input: ${parts.join('; ')}. Every input row is still reported once in error.result.`;
    super(message, {
      issues: jobs.map((job) => ({ path: ['jobs', job.jobId, 'results'], message })),
      raw: jobs,
    });
    this.result = result;
    this.jobs = jobs;
    this.unmatchedRows = unmatchedRows;
  }
}
