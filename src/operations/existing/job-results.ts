import { concatMap, type Observable } from 'rxjs';
import { ValidationError } from '../../errors/validation-error.js';
import type { ResultFileKind } from '../../models/result-file-kind.js';
import { streamIngestResults, type ResultBatch } from '../ingest/results/ingest-result-rows.js';
import type { OperationContext } from '../shared/operation-context.js';
import { findJob } from './existing-job.js';

/**
 * Streams the result rows of a finished ingest job by id, file after file (in the order asked,
 * default success, failed, unprocessed), in batches as the bytes arrive: nothing is accumulated,
 * so a result of any size can be written to disk with flat memory. Rows carry no `inputIndex`.
 * A query job or a job still running is a `ValidationError` before any result is requested.
 */
export function streamJobResults(
  ctx: OperationContext,
  jobId: string,
  files?: readonly ResultFileKind[],
): Observable<ResultBatch> {
  return findJob(ctx, jobId).pipe(
    concatMap((job) => {
      if (job.kind !== 'ingest')
        throw notIngest(job.id, `is a query job: read its rows with queryRecords() or queryCursor()`);
      if (!job.isComplete())
        throw notIngest(job.id, `is ${job.state}: its results exist once it is JobComplete, Failed or Aborted`);
      return streamIngestResults(ctx.api, job, files);
    }),
  );
}

function notIngest(jobId: string, problem: string): ValidationError {
  return new ValidationError(`Job ${jobId} ${problem}`, [{ message: problem, field: 'jobId' }]);
}
