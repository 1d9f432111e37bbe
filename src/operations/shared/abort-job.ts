import { catchError, concatMap, map, of, throwError, type Observable } from 'rxjs';
import { getIngestJob, patchIngestJob } from '../../api/ingest-api.js';
import { abortQueryJob, getQueryJob } from '../../api/query-api.js';
import { ApiError } from '../../errors/api-error.js';
import type { ApiClient } from '../../http/api-client.js';
import type { BulkJob } from '../../models/bulk-job.js';

/** Re-reads a job whose kind is known. */
export function refetchJob(api: ApiClient, job: Pick<BulkJob, 'id' | 'kind'>): Observable<BulkJob> {
  return job.kind === 'query' ? getQueryJob(api, job.id) : getIngestJob(api, job.id);
}

/**
 * Aborts a job and emits its final snapshot as the server holds it. The abort's answer carries
 * no counts, so the job is read back once more: the last snapshot shows the rows really
 * processed before the abort (a failed read-back keeps the abort's answer). A job that had
 * already finished cannot be aborted (400): its current snapshot is emitted instead.
 */
export function abortJob(api: ApiClient, job: BulkJob): Observable<BulkJob> {
  const patch = job.kind === 'query' ? abortQueryJob(api, job.id) : patchIngestJob(api, job.id, 'Aborted');
  return patch.pipe(
    map((aborted) => job.with(aborted.toInfo())),
    concatMap((aborted) =>
      refetchJob(api, aborted).pipe(
        map((latest) => aborted.with(latest.toInfo())),
        catchError(() => of(aborted)),
      ),
    ),
    // it finished on its own meanwhile: report the state it is really in
    catchError((error: unknown) =>
      error instanceof ApiError && error.status === 400 ? refetchJob(api, job) : throwError(() => error),
    ),
  );
}
