import { parseJobErrorMessage } from '../../../csv/sf-error.js';
import type { BulkError } from '../../../models/bulk-error.js';
import type { BulkJob } from '../../../models/bulk-job.js';

/** What one job ends with, once its result rows have all been delivered. */
export interface JobOutcome {
  readonly job: BulkJob;
  readonly jobErrors: BulkError[];
  /** Rows uploaded to this job (the rows the result files held, when the input is not known). */
  readonly uploaded: number;
  /** Rows the three result files held. */
  readonly accounted: number;
}

/** A finished job's outcome: its failure as a job error, and rows the result files left out. */
export function jobOutcome(job: BulkJob, uploaded: number, accounted: number): JobOutcome {
  const jobErrors: BulkError[] = [];
  if (job.state === 'Failed')
    jobErrors.push(parseJobErrorMessage(job.errorMessage ?? 'Unknown : job failed without an error message'));
  if (accounted < uploaded) {
    jobErrors.push({
      statusCode: 'RESULTS_INCOMPLETE',
      message: `${uploaded - accounted} of ${uploaded} uploaded rows are missing from the job's result files`,
      fields: [],
    });
  }
  return { job, jobErrors, uploaded, accounted };
}
