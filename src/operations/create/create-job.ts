import { catchError, defer, of, switchMap, take, tap, throwError, type Observable } from 'rxjs';
import { longTimer } from '../../http/long-timer.js';
import { reachedServer } from '../../http/retry-transient.js';
import { createIngestJob } from '../../api/ingest-api.js';
import { createQueryJob } from '../../api/query-api.js';
import type { BulkJob } from '../../models/bulk-job.js';
import { findCreatedJob, queryEntry, searchWindow, type JobSpec } from './find-created-job.js';
import type { OperationContext } from '../shared/operation-context.js';

/**
 * Creates a job without ever making two for one request. Job creation has no idempotency key,
 * so the create request itself is only resent when it certainly did not reach the server (the
 * HTTP layer's rule). After an ambiguous failure (a 5xx, or a connection lost after sending)
 * the job may exist: after the backoff delay, the job list is searched for it
 * ({@link findCreatedJob}); a job found is adopted, otherwise the create is sent again, at most
 * `retryPolicy.maxRetries` times. With `maxRetries: 0` the failure is returned as it is.
 *
 * The client's creations and searches on one org pass one gate (`ctx.ownership`): a search
 * starts once every creation started before it has been answered and holds later ones back, and
 * each job id is owned once, so a search never adopts a job another run of this client created.
 */
export function createJob(ctx: OperationContext, spec: JobSpec): Observable<BulkJob> {
  const api = ctx.api;
  const registry = ctx.ownership;
  const send = (): Observable<BulkJob> =>
    spec.kind === 'ingest' ? createIngestJob(api, spec.definition) : createQueryJob(api, spec.definition);
  const route = `${spec.kind}.create`;

  const attempt = (made: number, org: string): Observable<BulkJob> =>
    defer(() => {
      let sentAt = api.scheduler.now();
      // the clock starts when the gate lets the request go, not while it waits behind a search
      const admitted = defer(() => {
        sentAt = api.scheduler.now();
        return send();
      });
      return registry
        .gate(org)
        .run('shared', admitted)
        .pipe(
          tap((job) => registry.own(org, job, api.identity)),
          catchError((error: unknown) => {
            if (!reachedServer(error) || made >= api.retryPolicy.maxRetries) return throwError(() => error);
            const window = searchWindow(api, sentAt, api.scheduler.now());
            if (spec.kind === 'query')
              registry.noteAmbiguousQuery(queryEntry(org, spec.definition, window), api.scheduler.now());
            const delay = api.retryDelayMs(made + 1, error);
            ctx.logger.debug?.(
              `${route} failed after it may have reached the server; looking for its job in ${delay} ms`,
              { retry: made + 1 },
            );
            return longTimer(delay, api.scheduler).pipe(
              switchMap(() => registry.gate(org).run('exclusive', findCreatedJob(api, spec, window, registry, org))),
              switchMap((found) => {
                if (found) {
                  ctx.logger.debug?.(`${route}: adopted job ${found.id}, made by the request that failed`, {
                    jobId: found.id,
                  });
                  return of(found);
                }
                ctx.logger.debug?.(`${route}: no job was made; creating again`, { retry: made + 1 });
                return attempt(made + 1, org);
              }),
            );
          }),
        );
    });

  // the gate is the org's: the session is resolved first, so the first creations of a client
  // and its later searches wait on the same gate
  return api.org().pipe(
    take(1),
    switchMap((org) => attempt(0, org)),
  );
}
