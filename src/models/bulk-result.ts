import type { BulkError } from './bulk-error.js';
import type { BulkJob } from './bulk-job.js';
import { lazyRows } from './lazy-rows.js';

/** A row's own columns as echoed by Salesforce, without the `sf__` columns. */
export type RecordFields = Readonly<Record<string, string>>;

/** Where a result row came from in the caller's input. */
export interface RowOrigin {
  /** Id of the job whose result file held this row. */
  readonly jobId: string;
  /** Index of the input record this row belongs to; `undefined` when it could not be matched. */
  readonly inputIndex?: number | undefined;
  /** How many jobs this row went through (1 unless `retryFailedRecords` resubmitted it). */
  readonly attempts?: number | undefined;
  /** False when the row could not be tied to an input row (see docs/large-loads.md); it is never paired with a guess. */
  readonly matched?: boolean | undefined;
}

/** A row saved successfully (`successfulResults`). */
export interface SuccessRecord extends RowOrigin {
  /** `sf__Id`: the id of the saved record. */
  readonly id: string;
  /** `sf__Created`: true when the row inserted a record, false for an update or delete. */
  readonly created: boolean;
  /** The columns Salesforce echoed for the row (`sf__Id` and `sf__Created` removed). */
  readonly fields: RecordFields;
}

/** A row that was processed and failed (`failedResults`). */
export interface FailedRecord extends RowOrigin {
  /** `sf__Id`: empty for failed inserts (null here), the record id otherwise. */
  readonly id: string | null;
  /** The parsed `sf__Error`. */
  readonly error: BulkError;
  /** The raw `sf__Error` text. */
  readonly rawError: string;
  /** The columns Salesforce echoed for the row (`sf__Id` and `sf__Error` removed). */
  readonly fields: RecordFields;
}

/** A row never attempted because the job failed or was aborted (`unprocessedrecords`). */
export interface UnprocessedRecord extends RowOrigin {
  /** The row as it was sent (or its known fields, for a row missing from the result files). */
  readonly fields: RecordFields;
  /** True for an input row that no result file mentioned (Salesforce dropped its results). */
  readonly missingFromResults?: boolean | undefined;
}

/** What a result is built from. */
export interface BulkResultInit<R extends object = object> {
  /** The (last) job. */
  readonly job: BulkJob;
  /** Every job of the operation, in creation order. Default: `[job]`. */
  readonly jobs?: readonly BulkJob[];
  /** Rows that succeeded. */
  readonly successRecords?: readonly SuccessRecord[];
  /** Rows Salesforce refused. */
  readonly failedRecords?: readonly FailedRecord[];
  /** Rows never processed (job aborted or failed, or missing from the result files). */
  readonly unprocessedRecords?: readonly UnprocessedRecord[];
  /** Job-level errors (a `Failed` job's `errorMessage`, parsed). */
  readonly jobErrors?: readonly BulkError[];
  /** The input record at an input index, when the input was an array of records. */
  readonly input?: ((index: number) => R | undefined) | undefined;
  /** Counts, when rows were not all kept (`resultRows: 'failed'` or `'none'`). Default: the list lengths. */
  readonly counts?: {
    /** Rows that succeeded. */
    readonly success: number;
    /** Rows Salesforce refused. */
    readonly failed: number;
    /** Rows never processed. */
    readonly unprocessed: number;
  };
}

/**
 * The outcome of an ingest operation: every input row ends up in exactly one of
 * `successRecords`, `failedRecords` or `unprocessedRecords`.
 */
export class BulkResult<R extends object = object> {
  /** The (last) job. For a load split into several jobs, see `jobs`. */
  readonly job: BulkJob;
  /** Every job of the operation, in creation order. */
  readonly jobs: readonly BulkJob[];
  /** Rows that succeeded, with their record id. */
  readonly successRecords: readonly SuccessRecord[];
  /** Rows Salesforce refused, with the parsed `sf__Error`. */
  readonly failedRecords: readonly FailedRecord[];
  /** Rows never processed: the job was aborted or failed first, or the row is missing from the result files. */
  readonly unprocessedRecords: readonly UnprocessedRecord[];
  /** Job-level errors first (a failed job's `errorMessage`), then one per failed row. */
  readonly errors: readonly BulkError[];
  /** Job-level errors only (a failed job's `errorMessage`, `RESULTS_INCOMPLETE`). */
  readonly jobErrors: readonly BulkError[];
  private readonly counts: { readonly success: number; readonly failed: number; readonly unprocessed: number };
  private readonly input: ((index: number) => R | undefined) | undefined;

  constructor(init: BulkResultInit<R>) {
    this.job = init.job;
    this.jobs = init.jobs ?? [init.job];
    this.successRecords = init.successRecords ?? [];
    this.failedRecords = init.failedRecords ?? [];
    this.unprocessedRecords = init.unprocessedRecords ?? [];
    this.jobErrors = init.jobErrors ?? [];
    this.input = init.input;
    const jobErrors = this.jobErrors;
    const failed = this.failedRecords;
    // made on access: a result of millions of failed rows does not hold a second list of them
    this.errors = lazyRows(jobErrors.length + failed.length, (i) =>
      i < jobErrors.length ? (jobErrors[i] as BulkError) : (failed[i - jobErrors.length] as FailedRecord).error,
    );
    this.counts = init.counts ?? {
      success: this.successRecords.length,
      failed: this.failedRecords.length,
      unprocessed: this.unprocessedRecords.length,
    };
    Object.freeze(this);
  }

  /**
   * The input record a result row came from, typed as the records given to the operation, when
   * the input was an array (undefined for streams, raw CSV, or a row tied to no input row).
   *
   * @example
   * const result = await lastValueFrom(client.bulk.insert('Account', accounts).pipe(toResult()));
   * for (const row of result.failedRecords) console.log(result.inputOf(row)?.Name, row.error.message);
   */
  inputOf(row: RowOrigin): R | undefined {
    return row.inputIndex === undefined ? undefined : this.input?.(row.inputIndex);
  }

  /** Rows that succeeded (exact even when `resultRows` kept only some rows). */
  get successCount(): number {
    return this.counts.success;
  }

  /** Rows Salesforce refused. */
  get failedCount(): number {
    return this.counts.failed;
  }

  /** Rows never processed. */
  get unprocessedCount(): number {
    return this.counts.unprocessed;
  }

  /** Every row accounted for: successful + failed + unprocessed. */
  get totalRecords(): number {
    return this.successCount + this.failedCount + this.unprocessedCount;
  }

  /** True when the job(s) completed and no row failed or went unprocessed. */
  isSuccessful(): boolean {
    return this.jobs.every((j) => j.isSuccessful()) && this.failedCount === 0 && this.unprocessedCount === 0;
  }
}
