import { concat, concatMap, defer, EMPTY, ignoreElements, map, of, takeWhile, type Observable } from 'rxjs';
import { getIngestJob, uploadJobData, type CreateIngestJobBody } from '../../api/ingest-api.js';
import type { BulkJob } from '../../models/bulk-job.js';
import { pollJob } from '../../poller/poll-job.js';
import { runTrackedJob } from '../create/tracked-job.js';
import type { BulkJobEvent } from '../shared/bulk-event.js';
import type { OperationContext } from '../shared/operation-context.js';
import type { RunControl } from '../shared/run-control.js';
import { closeIngestJob } from './close-ingest-job.js';
import { missingRows, tieRows } from './correlation/tie-rows.js';
import type { MatchBy } from './correlation/row-key.js';
import type { ResolvedIngestOptions } from './ingest-options.js';
import { streamIngestResults, type ResultBatch } from './ingest-result-rows.js';
import { jobOutcome } from './job-outcome.js';
import type { ResultSink } from './result-collector.js';
import type { SlicedJob } from './slicing/sliced-job.js';

/** What every job of one ingest operation shares. */
export interface IngestJobPlan {
  readonly definition: CreateIngestJobBody;
  readonly options: Pick<ResolvedIngestOptions, 'wait' | 'timeoutMs' | 'pollPolicy' | 'onProgress'>;
  /** How result rows are tied to input rows. */
  readonly matchBy: MatchBy;
  /** Where each job's correlated result rows and outcome go. */
  readonly results: ResultSink;
  /** The original input record at an index (array inputs), for rows missing from the results. */
  readonly original: (index: number) => Readonly<Record<string, unknown>> | undefined;
}

/**
 * Runs one ingest job through the tracked-job runner: create -> upload -> close -> poll ->
 * results. Emits the job's snapshots; its result rows are tied to their input rows here, in the
 * job's own pipeline, and handed to the plan's result sink with the job's outcome (rows the
 * result files left out become unprocessed). With `wait: false` the job is left running once
 * closed. Unsubscribing before a terminal state aborts the job (the runner's rule).
 */
export function runIngestJob(
  ctx: OperationContext,
  control: RunControl,
  plan: IngestJobPlan,
  slice: SlicedJob,
): Observable<BulkJobEvent> {
  return runTrackedJob(ctx, control, { kind: 'ingest', definition: plan.definition }, (created, seen) => {
    const event = (job: BulkJob): BulkJobEvent => {
      seen(job);
      plan.options.onProgress?.(job);
      return { type: 'job', job, control, total: slice.recordCount };
    };
    const untilDone = (closed: BulkJob): Observable<BulkJobEvent> => {
      if (!plan.options.wait) {
        control.leave(closed.id);
        return of(event(closed));
      }
      // a close resent after its first attempt landed may find the job already finished
      if (closed.isComplete()) return concat(of(event(closed)), settle(ctx, plan, slice, closed));
      const polls = pollJob(() => getIngestJob(ctx.api, closed.id), {
        policy: plan.options.pollPolicy,
        timeoutMs: plan.options.timeoutMs,
        scheduler: ctx.scheduler,
        initial: closed,
        total: slice.recordCount,
      });
      return concat(
        of(event(closed)),
        polls.pipe(
          concatMap((polled) => {
            const snapshot = of(event(polled));
            return polled.isComplete() ? concat(snapshot, settle(ctx, plan, slice, polled)) : snapshot;
          }),
        ),
      );
    };
    return concat(
      defer(() => of(event(created))),
      uploadJobData(ctx.api, created.id, slice.body).pipe(
        concatMap(() => closeIngestJob(ctx, created)),
        concatMap(untilDone),
      ),
    );
  });
}

/**
 * Streams the finished job's result rows, tied to their input rows, into the sink; then its
 * outcome. The files may not hold more rows than were sent: reading stops at the first extra
 * row (memory stays flat whatever the server sends) and the sink is told.
 */
function settle(ctx: OperationContext, plan: IngestJobPlan, slice: SlicedJob, job: BulkJob): Observable<never> {
  return defer(() => {
    let accounted = 0;
    let over = false;
    const rows = streamIngestResults(ctx.api, job).pipe(
      map((batch) => {
        const room = slice.recordCount - accounted;
        const fits = batch.rows.length <= room ? batch : cut(batch, room);
        over = fits !== batch;
        accounted += fits.rows.length;
        plan.results.addRows(tieRows(fits, slice.index, plan.matchBy));
        return over;
      }),
      takeWhile((stop) => !stop),
    );
    const outcome = defer(() => {
      if (over) plan.results.addExtraRows(job.id, slice.recordCount);
      const missing = missingRows(job.id, slice.index, plan.original);
      if (missing.length > 0) plan.results.addRows({ kind: 'unprocessed', rows: missing });
      plan.results.addOutcome(jobOutcome(job, slice.recordCount, accounted));
      return EMPTY;
    });
    return concat(rows, outcome).pipe(ignoreElements());
  });
}

/** The first `count` rows of a batch. */
function cut(batch: ResultBatch, count: number): ResultBatch {
  switch (batch.kind) {
    case 'success':
      return { kind: batch.kind, rows: batch.rows.slice(0, count) };
    case 'failed':
      return { kind: batch.kind, rows: batch.rows.slice(0, count) };
    case 'unprocessed':
      return { kind: batch.kind, rows: batch.rows.slice(0, count) };
  }
}
