import { concat, concatMap, Observable, of, ReplaySubject, take, type Subscription } from 'rxjs';
import { JobAbortedError } from '../errors/job-aborted-error.js';
import { JobFailedError } from '../errors/job-failed-error.js';
import { getQueryJob, type CreateQueryJobBody } from '../jobs/query-api.js';
import type { BulkJob } from '../models/bulk-job.js';
import { pollJob } from '../poller/poll-job.js';
import type { PollPolicy } from '../poller/poll-policy.js';
import { createJob } from './create-job.js';
import type { OperationContext } from './operation-context.js';
import type { RunControl } from './run-control.js';

/** How to run the job part of a query. */
export interface QueryJobSettings {
  readonly timeoutMs: number;
  readonly pollPolicy: PollPolicy;
}

/**
 * Runs a query job up to `JobComplete`: create, then poll. Emits every snapshot (the
 * created one in `UploadComplete`, then each change) and completes after `JobComplete`.
 * A job that ends `Failed` errors with `JobFailedError`, one aborted by someone else with
 * `JobAbortedError`. Unsubscribing before a terminal state aborts the job on the server (a
 * creation in flight is awaited, then its job aborted); past the deadline the job is left
 * running (`BulkTimeoutError` carries its id).
 */
export function runQueryJob(
  ctx: OperationContext,
  control: RunControl,
  definition: CreateQueryJobBody,
  settings: QueryJobSettings,
): Observable<BulkJob> {
  return new Observable<BulkJob>((subscriber) => {
    let job: BulkJob | undefined;
    // the creation is not cancelled by teardown: the server may already have made the job
    const created = new ReplaySubject<BulkJob>(1);
    const forget = control.creation(created);
    const creation: Subscription = createJob(ctx, { kind: 'query', definition }).subscribe(created);
    creation.add(forget);

    const main = created
      .pipe(
        take(1),
        concatMap((first) => {
          if (first.isComplete()) return of(first);
          const polls = pollJob(() => getQueryJob(ctx.api, first.id), {
            policy: settings.pollPolicy,
            timeoutMs: settings.timeoutMs,
            scheduler: ctx.scheduler,
            initial: first,
          });
          return concat(of(first), polls);
        }),
      )
      .subscribe({
        next: (next) => {
          job = next;
          control.track(next);
          subscriber.next(next);
          if (next.state === 'Failed') subscriber.error(new JobFailedError(next));
          else if (next.state === 'Aborted') subscriber.error(new JobAbortedError(next));
        },
        error: (error: unknown) => {
          control.onError(error, job);
          subscriber.error(error);
        },
        complete: () => subscriber.complete(),
      });

    return () => {
      main.unsubscribe();
      control.release(job, creation);
    };
  });
}
