import { concat, concatMap, map, type Observable } from 'rxjs';
import { toFailedRecord, toSuccessRecord, toUnprocessedRecord } from '../csv/result-rows.js';
import { ValidationError } from '../errors/validation-error.js';
import { fetchResultRows, type ResultBatch } from './fetch-ingest-results.js';
import { findJob } from './existing-job.js';
import type { OperationContext } from './operation-context.js';

/** The result files of an ingest job: `success` (successfulResults), `failed`, `unprocessed`. */
export type ResultFileKind = ResultBatch['kind'];

const ALL_FILES: readonly ResultFileKind[] = ['success', 'failed', 'unprocessed'];

/**
 * Streams the result rows of a finished ingest job by id, file after file (in the order asked,
 * default success, failed, unprocessed), in batches as the bytes arrive: nothing is accumulated,
 * so a result of any size can be written to disk with flat memory. Rows carry no `inputIndex`.
 * A query job or a job still running is a `ValidationError` before any result is requested.
 */
export function streamJobResults(
  ctx: OperationContext,
  jobId: string,
  files: readonly ResultFileKind[] = ALL_FILES,
): Observable<ResultBatch> {
  return findJob(ctx, jobId).pipe(
    concatMap((job) => {
      if (job.kind !== 'ingest')
        throw notIngest(job.id, `is a query job: read its rows with queryRecords() or queryCursor()`);
      if (!job.isComplete())
        throw notIngest(job.id, `is ${job.state}: its results exist once it is JobComplete, Failed or Aborted`);
      const streams = files.map((kind): Observable<ResultBatch> => {
        switch (kind) {
          case 'success':
            return fetchResultRows(ctx.api, job, 'successfulResults', toSuccessRecord).pipe(
              map((rows): ResultBatch => ({ kind, rows })),
            );
          case 'failed':
            return fetchResultRows(ctx.api, job, 'failedResults', toFailedRecord).pipe(
              map((rows): ResultBatch => ({ kind, rows })),
            );
          case 'unprocessed':
            return fetchResultRows(ctx.api, job, 'unprocessedrecords', toUnprocessedRecord).pipe(
              map((rows): ResultBatch => ({ kind, rows })),
            );
        }
      });
      return concat(...streams);
    }),
  );
}

function notIngest(jobId: string, problem: string): ValidationError {
  return new ValidationError(`Job ${jobId} ${problem}`, [{ message: problem, field: 'jobId' }]);
}
