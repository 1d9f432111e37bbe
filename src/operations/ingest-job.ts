import { concat, concatMap, defer, map, Observable, of, ReplaySubject, take, tap, type Subscription } from 'rxjs';
import { parseJobErrorMessage } from '../csv/sf-error.js';
import type { RequestBody } from '../http/transport.js';
import { getIngestJob, uploadJobData, type CreateIngestJobBody } from '../jobs/ingest-api.js';
import type { BulkJob } from '../models/bulk-job.js';
import type { BulkError } from '../models/bulk-error.js';
import { pollJob } from '../poller/poll-job.js';
import type { PollPolicy } from '../poller/poll-policy.js';
import { closeIngestJob } from './close-ingest-job.js';
import { createJob } from './create-job.js';
import { streamIngestResults, type ResultBatch } from './fetch-ingest-results.js';
import { guardedCreation } from './limit-guard.js';
import type { OperationContext } from './operation-context.js';
import type { RunControl } from './run-control.js';

/** One job's upload, prepared from the input. */
export interface JobUpload {
  readonly body: RequestBody;
  /** Rows in the body (header excluded). */
  readonly recordCount: number;
}

/** What one job ends with, once its result rows have all been delivered. */
export interface IngestJobOutcome {
  readonly job: BulkJob;
  readonly jobErrors: BulkError[];
  /** Rows uploaded to this job. */
  readonly uploaded: number;
  /** Rows the three result files held. */
  readonly accounted: number;
}

/** How to run one job. */
export interface IngestJobSettings {
  readonly wait: boolean;
  readonly timeoutMs: number;
  readonly pollPolicy: PollPolicy;
  readonly onProgress?: ((job: BulkJob) => void) | undefined;
}

/** Events of a single job run: snapshots, then (when waiting) batches of result rows, then the outcome. */
export type IngestJobEvent =
  | { readonly type: 'job'; readonly job: BulkJob }
  | { readonly type: 'rows'; readonly batch: ResultBatch }
  | { readonly type: 'outcome'; readonly outcome: IngestJobOutcome };

/**
 * Runs one ingest job: create -> upload -> close -> poll -> results. Unsubscribing before a
 * terminal state aborts the job on the server (a creation still in flight is awaited and its
 * job aborted); so does an error. Only a deadline leaves the job running, so it can be resumed.
 */
export function runIngestJob(
  ctx: OperationContext,
  control: RunControl,
  definition: CreateIngestJobBody,
  upload: JobUpload,
  settings: IngestJobSettings,
): Observable<IngestJobEvent> {
  return new Observable<IngestJobEvent>((subscriber) => {
    let job: BulkJob | undefined;
    const emit = (next: BulkJob): void => {
      job = next;
      control.track(next);
      settings.onProgress?.(next);
      subscriber.next({ type: 'job', job: next });
    };
    // the creation is not cancelled by teardown: the server may already have made the job
    const created = new ReplaySubject<BulkJob>(1);
    const forget = control.creation(created);
    const creation: Subscription = guardedCreation(
      ctx.limitGuard,
      `an ingest job on ${definition.object}`,
      createJob(ctx, { kind: 'ingest', definition }),
    ).subscribe(created);
    creation.add(forget);

    const main = created
      .pipe(
        take(1),
        tap(emit),
        concatMap((open) => uploadJobData(ctx.api, open.id, upload.body).pipe(map(() => open))),
        concatMap((open) => closeIngestJob(ctx, open)),
        tap(emit),
        concatMap((closed) => {
          if (!settings.wait) {
            control.leave(closed.id);
            return [];
          }
          // a close resent after its first attempt landed may find the job already finished
          if (closed.isComplete()) return results(ctx, closed, upload.recordCount);
          return pollJob(() => getIngestJob(ctx.api, closed.id), {
            policy: settings.pollPolicy,
            timeoutMs: settings.timeoutMs,
            scheduler: ctx.scheduler,
            initial: closed,
            total: upload.recordCount,
          }).pipe(
            tap(emit),
            concatMap((polled) => (polled.isComplete() ? results(ctx, polled, upload.recordCount) : [])),
          );
        }),
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

/** The job's result rows in batches, then its outcome (job errors, and whether rows are missing). */
function results(ctx: OperationContext, job: BulkJob, uploaded: number): Observable<IngestJobEvent> {
  return defer(() => {
    let accounted = 0;
    const batches = streamIngestResults(ctx.api, job).pipe(
      tap((batch) => (accounted += batch.rows.length)),
      map((batch): IngestJobEvent => ({ type: 'rows', batch })),
    );
    return concat(
      batches,
      defer(() => of<IngestJobEvent>({ type: 'outcome', outcome: outcome(job, uploaded, accounted) })),
    );
  });
}

function outcome(job: BulkJob, uploaded: number, accounted: number): IngestJobOutcome {
  const jobErrors: BulkError[] = [];
  if (job.state === 'Failed')
    jobErrors.push(parseJobErrorMessage(job.errorMessage ?? 'Unknown : job failed without an error message'));
  if (accounted < uploaded) {
    jobErrors.push({
      statusCode: 'RESULTS_INCOMPLETE',
      message: `${uploaded - accounted} of ${uploaded} uploaded rows are missing from the job's result files`,
      fields: [],
    });
  }
  return { job, jobErrors, uploaded, accounted };
}
