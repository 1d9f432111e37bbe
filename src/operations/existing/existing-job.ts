import { catchError, concat, concatMap, of, throwError, type Observable } from 'rxjs';
import { ApiError } from '../../errors/api-error.js';
import { getIngestJob } from '../../api/ingest-api.js';
import { listJobs, type ListJobsOptions } from '../../api/job-list-api.js';
import { getQueryJob } from '../../api/query-api.js';
import type { BulkJob } from '../../models/bulk-job.js';
import { abortJob } from '../shared/abort-job.js';
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

/**
 * Aborts a job by id (ingest or query) and emits its final snapshot, read back from the server.
 * A job that already finished cannot be aborted: its current snapshot is returned instead, so
 * the caller sees its real state.
 */
export function abortJobById(ctx: OperationContext, jobId: string): Observable<BulkJob> {
  return findJob(ctx, jobId).pipe(concatMap((job) => (job.isComplete() ? of(job) : abortJob(ctx.api, job))));
}

/** Every Bulk API 2.0 job of the org visible to the user, ingest jobs then query jobs, page by page. */
export function listAllJobs(ctx: OperationContext, filter: ListJobsFilter = {}): Observable<BulkJob> {
  const options: ListJobsOptions = filter.concurrencyMode ? { concurrencyMode: filter.concurrencyMode } : {};
  if (filter.kind) return listJobs(ctx.api, filter.kind, options);
  return concat(listJobs(ctx.api, 'ingest', options), listJobs(ctx.api, 'query', options));
}
