import type { JobResultMismatch } from '../../errors/result-mismatch-error.js';
import { ResultMismatchError } from '../../errors/result-mismatch-error.js';
import type { BulkError } from '../../models/bulk-error.js';
import type { BulkJob } from '../../models/bulk-job.js';
import { BulkResult, type FailedRecord, type SuccessRecord, type UnprocessedRecord } from '../../models/bulk-result.js';
import type { ResultRows } from '../shared/option-schemas.js';
import type { ResultBatch } from './ingest-result-rows.js';
import type { JobOutcome } from './job-outcome.js';

/** Unmatched rows kept for the error report; the rest are only counted. */
const MAX_UNMATCHED_KEPT = 1_000;

type AnyRow = SuccessRecord | FailedRecord | UnprocessedRecord;

/** Where a job's result rows and outcome go (the load's collector). */
export interface ResultSink {
  /** Counts a batch of result rows, and keeps them if asked to; rows tied to no input row are set apart. */
  addRows(batch: ResultBatch): void;
  /** A job's end: its final snapshot and errors. */
  addOutcome(outcome: JobOutcome): void;
  /** A job whose result files held more rows than were sent to it (reading was stopped). */
  addExtraRows(jobId: string, sent: number): void;
}

/**
 * Merges the jobs of one load into a single `BulkResult`, keeping only the rows asked for. A row
 * that correlation could not tie to an input row (`matched: false`: a duplicate, or a row nobody
 * sent) is not counted: it is set apart, and the load ends with a `ResultMismatchError`.
 */
export class ResultCollector implements ResultSink {
  private readonly jobs = new Map<string, BulkJob>();
  private readonly success: SuccessRecord[] = [];
  private readonly failed: FailedRecord[] = [];
  private readonly unprocessed: UnprocessedRecord[] = [];
  private readonly jobErrors: BulkError[] = [];
  private readonly counts = { success: 0, failed: 0, unprocessed: 0 };
  private readonly mismatches = new Map<string, { sent: number; extraRows: boolean; unmatchedRows: number }>();
  private readonly unmatched: AnyRow[] = [];

  constructor(private readonly keep: ResultRows) {}

  /** Records a job snapshot (jobs are listed in creation order). */
  track(job: BulkJob): void {
    this.jobs.set(job.id, job);
  }

  addRows(batch: ResultBatch): void {
    const keep = this.keep === 'all' || (this.keep === 'failed' && batch.kind !== 'success');
    // push one by one: spreading a large batch into push() would overflow the call stack
    switch (batch.kind) {
      case 'success':
        for (const row of batch.rows) if (this.counted(row)) this.kept(keep, this.success, row, 'success');
        break;
      case 'failed':
        for (const row of batch.rows) if (this.counted(row)) this.kept(keep, this.failed, row, 'failed');
        break;
      case 'unprocessed':
        for (const row of batch.rows) if (this.counted(row)) this.kept(keep, this.unprocessed, row, 'unprocessed');
        break;
    }
  }

  addOutcome(outcome: JobOutcome): void {
    this.track(outcome.job);
    for (const error of outcome.jobErrors) this.jobErrors.push(error);
    const mismatch = this.mismatches.get(outcome.job.id);
    if (mismatch) mismatch.sent = outcome.uploaded;
  }

  addExtraRows(jobId: string, sent: number): void {
    const mismatch = this.mismatchOf(jobId);
    mismatch.extraRows = true;
    mismatch.sent = sent;
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

  /** The error to end the load with when result files did not reconcile with the input; undefined when they did. */
  mismatchError(): ResultMismatchError | undefined {
    if (this.mismatches.size === 0) return undefined;
    const jobs: JobResultMismatch[] = [...this.mismatches].map(([jobId, m]) => ({ jobId, ...m }));
    return new ResultMismatchError(this.result(), jobs, this.unmatched);
  }

  /** False for a row tied to no input row: it is set apart, not counted. */
  private counted(row: AnyRow): boolean {
    if (row.matched !== false) return true;
    this.mismatchOf(row.jobId).unmatchedRows += 1;
    if (this.unmatched.length < MAX_UNMATCHED_KEPT) this.unmatched.push(row);
    return false;
  }

  private kept<T>(keep: boolean, list: T[], row: T, kind: keyof ResultCollector['counts']): void {
    this.counts[kind] += 1;
    if (keep) list.push(row);
  }

  private mismatchOf(jobId: string): { sent: number; extraRows: boolean; unmatchedRows: number } {
    let mismatch = this.mismatches.get(jobId);
    if (!mismatch) {
      mismatch = { sent: 0, extraRows: false, unmatchedRows: 0 };
      this.mismatches.set(jobId, mismatch);
    }
    return mismatch;
  }
}
