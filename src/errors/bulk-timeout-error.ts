import type { BulkJob } from '../models/bulk-job.js';
import { KineticError } from './kinetic-error.js';

/**
 * Raised when a job does not reach a terminal state before its deadline (`timeoutMinutes`,
 * or the `timeoutJob` operator). Carries the job id and the last snapshot so the job can be
 * resumed (`client.bulk.waitForJob(id)`); the poller never deletes the job.
 */
export class BulkTimeoutError extends KineticError {
  override readonly name: string = 'BulkTimeoutError';
  /** The job that did not finish in time, when it exists (resume it with `client.bulk.waitForJob(jobId)`). */
  readonly jobId: string | undefined;
  /** The last snapshot seen (the `Aborted` one after `timeoutJob`). */
  readonly lastJob: BulkJob | undefined;
  /** The deadline that passed, in milliseconds. */
  readonly timeoutMs: number;

  constructor(timeoutMs: number, lastJob: BulkJob | undefined, jobId: string | undefined = lastJob?.id) {
    super(
      `Bulk job ${jobId ?? '(not created)'} did not finish within ${timeoutMs} ms (last state: ${lastJob?.state ?? 'unknown'})`,
    );
    this.jobId = jobId;
    this.lastJob = lastJob;
    this.timeoutMs = timeoutMs;
  }
}
