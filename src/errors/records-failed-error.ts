import type { BulkResult, FailedRecord, UnprocessedRecord } from '../models/bulk-result.js';
import { KineticError } from './kinetic-error.js';

/**
 * Raised by the `throwOnFailures()` operator when a result holds failed (or unprocessed)
 * rows. Carries the rows and the whole result, so nothing is lost by erroring.
 */
export class RecordsFailedError extends KineticError {
  override readonly name: string = 'RecordsFailedError';
  /** The whole result, successes included. */
  readonly result: BulkResult;
  /** The rows Salesforce refused. */
  readonly failedRecords: readonly FailedRecord[];
  /** The rows never processed. */
  readonly unprocessedRecords: readonly UnprocessedRecord[];

  constructor(result: BulkResult) {
    const codes = [...new Set(result.failedRecords.map((r) => r.error.statusCode))].slice(0, 5).join(', ');
    super(
      `${result.failedCount} of ${result.totalRecords} records failed${codes ? ` (${codes})` : ''}` +
        (result.unprocessedCount ? `, ${result.unprocessedCount} unprocessed` : '') +
        (result.jobErrors.length ? `; job error: ${result.jobErrors[0]?.message ?? ''}` : ''),
    );
    this.result = result;
    this.failedRecords = result.failedRecords;
    this.unprocessedRecords = result.unprocessedRecords;
  }
}
