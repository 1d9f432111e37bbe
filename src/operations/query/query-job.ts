import { concat, concatMap, of, throwError, type Observable } from 'rxjs';
import { getQueryJob, type CreateQueryJobBody } from '../../api/query-api.js';
import { JobAbortedError } from '../../errors/job-aborted-error.js';
import { JobFailedError } from '../../errors/job-failed-error.js';
import type { BulkJob } from '../../models/bulk-job.js';
import { pollJob } from '../../poller/poll-job.js';
import type { PollPolicy } from '../../poller/poll-policy.js';
import { runTrackedJob } from '../create/tracked-job.js';
import type { OperationContext } from '../shared/operation-context.js';
import type { RunControl } from '../shared/run-control.js';

/** How to run the job part of a query. */
export interface QueryJobSettings {
  readonly timeoutMs: number;
  readonly pollPolicy: PollPolicy;
}

/**
 * Runs a query job up to `JobComplete`: create, then poll (through the tracked-job runner, so
 * creation is guarded and teardown aborts). Emits every snapshot (the created one in
 * `UploadComplete`, then each change) and completes after `JobComplete`. A job that ends
 * `Failed` errors with `JobFailedError`, one aborted by someone else with `JobAbortedError`;
 * past the deadline the job is left running (`BulkTimeoutError` carries its id).
 */
export function runQueryJob(
  ctx: OperationContext,
  control: RunControl,
  definition: CreateQueryJobBody,
  settings: QueryJobSettings,
): Observable<BulkJob> {
  return runTrackedJob(ctx, control, { kind: 'query', definition }, (first, seen) => {
    const polls = first.isComplete()
      ? []
      : pollJob(() => getQueryJob(ctx.api, first.id), {
          policy: settings.pollPolicy,
          timeoutMs: settings.timeoutMs,
          scheduler: ctx.scheduler,
          initial: first,
        });
    // the failed or aborted snapshot is emitted before the error, so watchers see how it ended
    return concat(of(first), polls).pipe(
      concatMap((job) => {
        seen(job);
        if (job.state === 'Failed')
          return concat(
            of(job),
            throwError(() => new JobFailedError(job)),
          );
        if (job.state === 'Aborted')
          return concat(
            of(job),
            throwError(() => new JobAbortedError(job)),
          );
        return of(job);
      }),
    );
  });
}

/**
 * Watches an existing query job by id up to `JobComplete`: its current snapshot, then polls
 * while it runs. Not started here, so never aborted here: unsubscribing only stops watching.
 * A job that ends `Failed` or `Aborted` errors like `runQueryJob`; an id that is no query job
 * is the server's 404 (`ApiError`).
 */
export function watchQueryJob(ctx: OperationContext, jobId: string, settings: QueryJobSettings): Observable<BulkJob> {
  return getQueryJob(ctx.api, jobId).pipe(
    concatMap((first) => {
      const polls = first.isComplete()
        ? []
        : pollJob(() => getQueryJob(ctx.api, first.id), {
            policy: settings.pollPolicy,
            timeoutMs: settings.timeoutMs,
            scheduler: ctx.scheduler,
            initial: first,
          });
      return concat(of(first), polls);
    }),
    concatMap((job) => {
      if (job.state === 'Failed')
        return concat(
          of(job),
          throwError(() => new JobFailedError(job)),
        );
      if (job.state === 'Aborted')
        return concat(
          of(job),
          throwError(() => new JobAbortedError(job)),
        );
      return of(job);
    }),
  );
}
