import type { BulkJob } from './bulk-job.js';

/** A query row as parsed from the result CSV: column name to string value. */
export type QueryRecord = Readonly<Record<string, string>>;

/** The collected outcome of `client.bulk.query`. */
export class BulkQueryResult<T = QueryRecord> {
  /** The query job, `JobComplete`. */
  readonly job: BulkJob;
  /** Every row of the result, in result order. */
  readonly records: readonly T[];
  /** Always `null`: Bulk API 2.0 paging is handled for you. Kept so code written for a `locator` field still compiles. */
  readonly locator: null = null;

  constructor(job: BulkJob, records: readonly T[]) {
    this.job = job;
    this.records = records;
    Object.freeze(this);
  }

  /** How many rows the result holds. */
  get recordCount(): number {
    return this.records.length;
  }
}
