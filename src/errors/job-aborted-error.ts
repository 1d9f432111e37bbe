import type { BulkJob } from '../models/bulk-job.js';
import { KineticError } from './kinetic-error.js';

/** Raised when a query job was aborted on the server by someone else, so no rows can be read. */
export class JobAbortedError extends KineticError {
  override readonly name: string = 'JobAbortedError';
  /** The job, `Aborted`. */
  readonly job: BulkJob;

  constructor(job: BulkJob) {
    super(`Bulk job ${job.id} was aborted`);
    this.job = job;
  }
}
