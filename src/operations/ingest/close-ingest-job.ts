import { catchError, map, throwError, type Observable } from 'rxjs';
import { ApiError } from '../../errors/api-error.js';
import { getIngestJob, patchIngestJob } from '../../api/ingest-api.js';
import type { BulkJob } from '../../models/bulk-job.js';
import type { OperationContext } from '../shared/operation-context.js';

/**
 * Closes an uploaded job (`UploadComplete`). The PATCH is resent after a transient failure; if
 * an earlier attempt had landed, the resend is refused (400: the job is no longer `Open`). The
 * job is then read back: no longer `Open` means it was closed (or ended otherwise, which the
 * poll reports), and the run goes on with that snapshot. A job still `Open` keeps the error.
 */
export function closeIngestJob(ctx: OperationContext, open: BulkJob): Observable<BulkJob> {
  return patchIngestJob(ctx.api, open.id, 'UploadComplete').pipe(
    map((closed) => open.with(closed.toInfo())),
    catchError((error: unknown) => {
      if (!(error instanceof ApiError) || error.status !== 400) return throwError(() => error);
      return getIngestJob(ctx.api, open.id).pipe(
        map((latest) => {
          if (latest.state === 'Open') throw error;
          ctx.logger.debug?.(`ingest.close: job ${open.id} is already ${latest.state}`, { jobId: open.id });
          return open.with(latest.toInfo());
        }),
      );
    }),
  );
}
