import { catchError, concat, concatMap, map, of, throwError, type Observable } from 'rxjs';
import { ApiError } from '../../errors/api-error.js';
import { getIngestJob, patchIngestJob } from '../../api/ingest-api.js';
import { listJobs, type ListJobsOptions } from '../../api/job-list-api.js';
import { abortQueryJob, getQueryJob } from '../../api/query-api.js';
import type { BulkJob } from '../../models/bulk-job.js';
import type { OperationContext } from '../shared/operation-context.js';

/** Filters of `client.bulk.listJobs()`. */
export interface ListJobsFilter {
  /** Only ingest or only query jobs (default: both, ingest first). */
  readonly kind?: 'ingest' | 'query';
  /** Only jobs of this `concurrencyMode` (Salesforce's own filter). */
  readonly concurrencyMode?: string;
}

const isNotFound = (error: unknown): boolean => error instanceof ApiError && error.status === 404;

/**
 * Fetches a job by id without knowing its kind: ingest and query jobs share the `750` prefix but
 * live under different endpoints, so the ingest endpoint is asked first and a 404 there falls
 * back to the query endpoint (whose 404, if any, is the error the caller sees).
 */
export function findJob(ctx: OperationContext, jobId: string): Observable<BulkJob> {
  return getIngestJob(ctx.api, jobId).pipe(
    catchError((error: unknown) => (isNotFound(error) ? getQueryJob(ctx.api, jobId) : throwError(() => error))),
  );
}

/** Re-reads a job whose kind is known. */
export function refetchJob(ctx: OperationContext, job: Pick<BulkJob, 'id' | 'kind'>): Observable<BulkJob> {
  return job.kind === 'query' ? getQueryJob(ctx.api, job.id) : getIngestJob(ctx.api, job.id);
}

/**
 * Aborts a job by id (ingest or query). A job that already finished cannot be aborted: Salesforce
 * answers 400, and the job's current snapshot is returned instead, so the caller sees its real state.
 */
export function abortJobById(ctx: OperationContext, jobId: string): Observable<BulkJob> {
  return findJob(ctx, jobId).pipe(
    concatMap((job) => {
      if (job.isComplete()) return of(job);
      const patch = job.kind === 'query' ? abortQueryJob(ctx.api, job.id) : patchIngestJob(ctx.api, job.id, 'Aborted');
      return patch.pipe(
        map((aborted) => job.with(aborted.toInfo())),
        // it finished between the two calls: report the state it really ended in
        catchError((error: unknown) =>
          error instanceof ApiError && error.status === 400 ? refetchJob(ctx, job) : throwError(() => error),
        ),
      );
    }),
  );
}

/** Every Bulk API 2.0 job of the org visible to the user, ingest jobs then query jobs, page by page. */
export function listAllJobs(ctx: OperationContext, filter: ListJobsFilter = {}): Observable<BulkJob> {
  const options: ListJobsOptions = filter.concurrencyMode ? { concurrencyMode: filter.concurrencyMode } : {};
  if (filter.kind) return listJobs(ctx.api, filter.kind, options);
  return concat(listJobs(ctx.api, 'ingest', options), listJobs(ctx.api, 'query', options));
}
