import type { BulkError } from '../models/bulk-error.js';
import type { BulkJob } from '../models/bulk-job.js';
import { BulkResult, type FailedRecord, type SuccessRecord, type UnprocessedRecord } from '../models/bulk-result.js';
import type { IngestJobOutcome } from './ingest-job.js';
import type { SettledSlice } from './settle-slice.js';

/** Merges the settled jobs of one load into a single `BulkResult`, keeping the rows asked for. */
export class ResultCollector {
  private readonly jobs = new Map<string, BulkJob>();
  private readonly success: SuccessRecord[] = [];
  private readonly failed: FailedRecord[] = [];
  private readonly unprocessed: UnprocessedRecord[] = [];
  private readonly jobErrors: BulkError[] = [];
  private readonly counts = { success: 0, failed: 0, unprocessed: 0 };

  constructor(private readonly keep: 'all' | 'failed' | 'none') {}

  /** Records a job snapshot (jobs are listed in creation order). */
  track(job: BulkJob): void {
    this.jobs.set(job.id, job);
  }

  add(outcome: IngestJobOutcome, rows: SettledSlice): void {
    this.track(outcome.job);
    for (const error of outcome.jobErrors) this.jobErrors.push(error);
    this.counts.success += rows.success.length;
    this.counts.failed += rows.failed.length;
    this.counts.unprocessed += rows.unprocessed.length;
    // push one by one: a spread of a million rows would overflow the call stack
    if (this.keep === 'all') for (const row of rows.success) this.success.push(row);
    if (this.keep !== 'none') {
      for (const row of rows.failed) this.failed.push(row);
      for (const row of rows.unprocessed) this.unprocessed.push(row);
    }
  }

  result(): BulkResult {
    const jobs = [...this.jobs.values()];
    const last = jobs[jobs.length - 1];
    if (!last) throw new Error('no job was run');
    return new BulkResult({
      job: last,
      jobs,
      successRecords: this.success,
      failedRecords: this.failed,
      unprocessedRecords: this.unprocessed,
      jobErrors: this.jobErrors,
      counts: { ...this.counts },
    });
  }
}
