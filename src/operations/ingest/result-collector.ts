import type { BulkError } from '../../models/bulk-error.js';
import type { BulkJob } from '../../models/bulk-job.js';
import { BulkResult, type FailedRecord, type SuccessRecord, type UnprocessedRecord } from '../../models/bulk-result.js';
import type { ResultBatch } from './ingest-result-rows.js';
import type { JobOutcome } from './job-outcome.js';

/** Where a job's result rows and outcome go (the load's collector). */
export interface ResultSink {
  /** Counts a batch of result rows, and keeps them if asked to. */
  addRows(batch: ResultBatch): void;
  /** A job's end: its final snapshot and errors. */
  addOutcome(outcome: JobOutcome): void;
}

/** Merges the jobs of one load into a single `BulkResult`, keeping only the rows asked for. */
export class ResultCollector implements ResultSink {
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

  /** Counts a batch of result rows, and keeps them if asked to. */
  addRows(batch: ResultBatch): void {
    this.counts[batch.kind] += batch.rows.length;
    if (this.keep === 'none' || (this.keep === 'failed' && batch.kind === 'success')) return;
    // push one by one: spreading a large batch into push() would overflow the call stack
    if (batch.kind === 'success') for (const row of batch.rows) this.success.push(row);
    else if (batch.kind === 'failed') for (const row of batch.rows) this.failed.push(row);
    else for (const row of batch.rows) this.unprocessed.push(row);
  }

  /** A job's end: its final snapshot and errors. */
  addOutcome(outcome: JobOutcome): void {
    this.track(outcome.job);
    for (const error of outcome.jobErrors) this.jobErrors.push(error);
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
