import type { BulkJob } from '../models/bulk-job.js';
import { KineticError } from './kinetic-error.js';

/**
 * Raised when a job ends `Failed` where a result cannot be built from it (a query job).
 * Ingest jobs that fail end in a `BulkResult` whose `job.state` is `Failed` instead.
 */
export class JobFailedError extends KineticError {
  override readonly name: string = 'JobFailedError';
  /** The job, `Failed`; `job.errorMessage` says why. */
  readonly job: BulkJob;

  constructor(job: BulkJob) {
    super(`Bulk job ${job.id} failed${job.errorMessage ? `: ${job.errorMessage}` : ''}`);
    this.job = job;
  }
}
