import type { BulkJob } from './bulk-job.js';

/** A query row as parsed from the result CSV: column name to string value. */
export type QueryRecord = Readonly<Record<string, string>>;

/** The collected outcome of `client.bulk.query`. */
export class BulkQueryResult<T = QueryRecord> {
  readonly job: BulkJob;
  readonly records: readonly T[];
  /** Always `null`: Bulk API 2.0 paging is handled for you. Kept for code ported from the Python client. */
  readonly locator: null = null;

  constructor(job: BulkJob, records: readonly T[]) {
    this.job = job;
    this.records = records;
    Object.freeze(this);
  }

  get recordCount(): number {
    return this.records.length;
  }
}
