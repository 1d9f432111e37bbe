import { concatMap, Observable, of, ReplaySubject, take, type Subscription } from 'rxjs';
import type { BulkJob } from '../../models/bulk-job.js';
import { guardedCreation } from '../shared/limit-guard.js';
import type { OperationContext } from '../shared/operation-context.js';
import type { RunControl } from '../shared/run-control.js';
import { createJob } from './create-job.js';
import type { JobSpec } from './find-created-job.js';

/**
 * What a job does once it exists (upload, close, poll, fetch results). `seen` must be called
 * with every snapshot the steps learn, the created one first: it is how the run knows the job.
 */
export type JobSteps<E> = (created: BulkJob, seen: (job: BulkJob) => void) => Observable<E>;

/**
 * The one runner of every job an operation creates, ingest or query. The rules that hold for
 * every job live here and only here:
 * - creation passes the client's API-limit guard (no request when the org is below
 *   `minRemainingApiCalls`) and the client's create gate (see `createJob`);
 * - every snapshot is tracked by the run's `RunControl`;
 * - an error ends the run; past its deadline the job is left running (it can be resumed);
 * - teardown before a terminal state aborts the job on the server, and a creation still in
 *   flight is not cancelled but awaited, and the job it makes is aborted.
 */
export function runTrackedJob<E>(
  ctx: OperationContext,
  control: RunControl,
  spec: JobSpec,
  steps: JobSteps<E>,
): Observable<E> {
  return trackJob(ctx, control, { spec }, steps);
}

/**
 * The same rules for a job this operation made in an earlier run (a resumed load: its id is in
 * the load's journal): nothing is created; the steps continue from the job's current snapshot,
 * and teardown aborts it if it is still running.
 */
export function resumeTrackedJob<E>(
  ctx: OperationContext,
  control: RunControl,
  job: BulkJob,
  steps: JobSteps<E>,
): Observable<E> {
  return trackJob(ctx, control, { job }, steps);
}

function trackJob<E>(
  ctx: OperationContext,
  control: RunControl,
  source: { readonly spec: JobSpec } | { readonly job: BulkJob },
  steps: JobSteps<E>,
): Observable<E> {
  return new Observable<E>((subscriber) => {
    let job: BulkJob | undefined;
    const seen = (next: BulkJob): void => {
      job = next;
      control.track(next);
    };
    // the creation is not cancelled by teardown: the server may already have made the job
    const created = new ReplaySubject<BulkJob>(1);
    const forget = control.creation(created);
    const creation: Subscription = ('job' in source ? of(source.job) : create(ctx, source.spec)).subscribe(created);
    creation.add(forget);

    const main = created
      .pipe(
        take(1),
        concatMap((first) => steps(first, seen)),
      )
      .subscribe({
        next: (event) => subscriber.next(event),
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

function create(ctx: OperationContext, spec: JobSpec): Observable<BulkJob> {
  const what = spec.kind === 'ingest' ? `an ingest job on ${spec.definition.object}` : 'a query job';
  return guardedCreation(ctx.limitGuard, what, createJob(ctx, spec));
}
