import {
  concat,
  concatMap,
  defer,
  EMPTY,
  finalize,
  from,
  ignoreElements,
  map,
  of,
  take,
  takeWhile,
  type Observable,
} from 'rxjs';
import { getIngestJob, uploadJobData, type CreateIngestJobBody } from '../../api/ingest-api.js';
import type { BulkJob } from '../../models/bulk-job.js';
import { pollJob } from '../../poller/poll-job.js';
import { findCreatedJob, UNKNOWN_CLOCK_MARGIN_MS } from '../create/find-created-job.js';
import { resumeTrackedJob, runTrackedJob } from '../create/tracked-job.js';
import { abortJob } from '../shared/abort-job.js';
import type { BulkJobEvent } from '../shared/bulk-event.js';
import type { OperationContext } from '../shared/operation-context.js';
import type { RunControl } from '../shared/run-control.js';
import { closeIngestJob } from './close-ingest-job.js';
import { missingRows, tieRawRows } from './correlation/tie-rows.js';
import type { MatchBy } from './correlation/row-key.js';
import type { ResolvedIngestOptions } from './ingest-options.js';
import { streamRawResults } from './results/raw-result-rows.js';
import { jobOutcome } from './results/job-outcome.js';
import type { ResultSink } from './results/result-collector.js';
import type { LoadRecorder, SliceFacts } from './journal/load-recorder.js';
import type { JournalSlice } from './journal/load-journal.js';
import { leftoverPart, type SlicePart } from './journal/leftover-slice.js';

/** What every job of one ingest operation shares. */
export interface IngestJobPlan {
  readonly definition: CreateIngestJobBody;
  readonly options: Pick<
    ResolvedIngestOptions,
    'wait' | 'timeoutMs' | 'pollPolicy' | 'onProgress' | 'columnDelimiter' | 'lineEnding'
  >;
  /** How result rows are tied to input rows. */
  readonly matchBy: MatchBy;
  /** Where each job's correlated result rows and outcome go. */
  readonly results: ResultSink;
  /** The original input record at an index (array inputs), for rows missing from the results. */
  readonly original: (index: number) => Readonly<Record<string, unknown>> | undefined;
  /** The load's journal, when it keeps one. */
  readonly journal?: JobRecorder | undefined;
}

/** What records a job's steps: a load's journal, or a sink's. */
export type JobRecorder = Pick<LoadRecorder, 'creating' | 'created' | 'seen' | 'settled'>;

/** One job to run: its rows (a whole slice, or what an earlier job of it left), its slice, its attempt. */
export interface IngestSlice extends SlicePart {
  /** The slice it belongs to, as the journal knows it. */
  readonly facts: SliceFacts;
  /** 0 for the slice's first job; n for the job retrying what job n - 1 left unprocessed. */
  readonly attempt: number;
}

/**
 * Runs one ingest job through the tracked-job runner: create -> upload -> close -> poll ->
 * results. Emits the job's snapshots; its result rows are tied to their input rows here, in the
 * job's own pipeline, and handed to the plan's result sink with the job's outcome (rows the
 * result files left out become unprocessed). With `wait: false` the job is left running once
 * closed. Unsubscribing before a terminal state aborts the job (the runner's rule). With a
 * journal, the creation is recorded before it is sent and the job id before anything is
 * uploaded, so no job can hold rows the journal does not know of.
 */
export function runIngestJob(
  ctx: OperationContext,
  control: RunControl,
  plan: IngestJobPlan,
  slice: IngestSlice,
): Observable<BulkJobEvent> {
  const journal = plan.journal;
  const job = runTrackedJob(ctx, control, { kind: 'ingest', definition: plan.definition }, (created, seen) => {
    const steps = new JobSteps(ctx, control, plan, slice, seen);
    return concat(
      defer(() => of(steps.event(created))),
      defer(() => journal?.created(slice.facts.index, slice.attempt, created) ?? EMPTY).pipe(ignoreElements()),
      defer(() => uploadJobData(ctx.api, created.id, slice.body.take())).pipe(
        finalize(() => slice.body.settle()),
        concatMap(() => closeIngestJob(ctx, created)),
        concatMap((closed) => steps.untilDone(closed)),
      ),
    );
  });
  if (!journal) return job;
  return concat(
    defer(() => journal.creating(slice.facts, slice.attempt, slice.recordCount)).pipe(ignoreElements()),
    job,
  );
}

/**
 * Continues a slice an earlier run of this load started (its journal entry), attempt by attempt:
 * a job that holds rows (closed, running or finished) is waited for and its results read, never
 * run again, and if it ended `Aborted` or `Failed`, the rows it left unprocessed go to a new job
 * (the next attempt); an `Open` job holds no rows, and is aborted and its attempt run afresh; a
 * creation that was sent but never answered is looked for (the ambiguous-create search) and, if
 * found, aborted too.
 */
export function resumeIngestJob(
  ctx: OperationContext,
  control: RunControl,
  plan: IngestJobPlan,
  slice: IngestSlice,
  earlier: JournalSlice,
): Observable<BulkJobEvent> {
  const resume = (part: IngestSlice): Observable<BulkJobEvent> => {
    const recorded = earlier.attempts[part.attempt];
    const afresh = (): Observable<BulkJobEvent> => runIngestJob(ctx, control, plan, part);
    if (recorded?.jobId) {
      return getIngestJob(ctx.api, recorded.jobId).pipe(
        concatMap((job) => {
          if (job.state === 'Open') return concat(abortJob(ctx.api, job).pipe(ignoreElements()), afresh());
          // the job holds its rows already: nothing will upload this body (it is kept only to
          // find the rows the job may leave), so the next slice need not wait for it
          part.body.settle();
          const leftovers: number[] = [];
          const waited = resumeTrackedJob(ctx, control, job, (current, seen) =>
            new JobSteps(ctx, control, plan, part, seen, leftovers).untilDone(current),
          );
          const next = defer(() => {
            if (leftovers.length === 0) return EMPTY;
            const csv = { columnDelimiter: plan.options.columnDelimiter, lineEnding: plan.options.lineEnding };
            return from(leftoverPart(part, leftovers, csv, plan.matchBy)).pipe(
              concatMap((rows) => resume({ ...rows, facts: part.facts, attempt: part.attempt + 1 })),
            );
          });
          return concat(waited, next);
        }),
      );
    }
    if (recorded?.createSentAt) {
      const sentAt = Date.parse(recorded.createSentAt);
      const window = { from: sentAt - UNKNOWN_CLOCK_MARGIN_MS, to: sentAt + UNKNOWN_CLOCK_MARGIN_MS };
      const spec = { kind: 'ingest', definition: plan.definition } as const;
      return ctx.api.org().pipe(
        take(1),
        concatMap((org) => findCreatedJob(ctx.api, spec, window, ctx.ownership, org)),
        concatMap((job) => concat(job ? abortJob(ctx.api, job).pipe(ignoreElements()) : EMPTY, afresh())),
      );
    }
    return afresh();
  };
  return resume(slice);
}

/** The steps of one job once it exists, sharing its snapshot hook. */
class JobSteps {
  constructor(
    private readonly ctx: OperationContext,
    private readonly control: RunControl,
    private readonly plan: IngestJobPlan,
    private readonly slice: IngestSlice,
    private readonly seen: (job: BulkJob) => void,
    /** When given, the rows an `Aborted` or `Failed` job leaves unprocessed are collected here, to be sent again. */
    private readonly leftovers?: number[],
  ) {}

  /** A snapshot: tracked, journaled, reported, emitted. */
  event(job: BulkJob): BulkJobEvent {
    this.seen(job);
    this.plan.journal?.seen(this.slice.facts.index, this.slice.attempt, job);
    this.plan.options.onProgress?.(job);
    return { type: 'job', job, control: this.control, total: this.slice.recordCount };
  }

  /** From a closed (or later) snapshot: poll to the end, then read the results. */
  untilDone(closed: BulkJob): Observable<BulkJobEvent> {
    const { ctx, plan, slice } = this;
    if (!plan.options.wait) {
      this.control.leave(closed.id);
      return of(this.event(closed));
    }
    // a close resent after its first attempt landed may find the job already finished
    if (closed.isComplete()) return concat(of(this.event(closed)), this.settle(closed));
    const polls = pollJob(() => getIngestJob(ctx.api, closed.id), {
      policy: plan.options.pollPolicy,
      timeoutMs: plan.options.timeoutMs,
      scheduler: ctx.scheduler,
      initial: closed,
      total: slice.recordCount,
    });
    return concat(
      of(this.event(closed)),
      polls.pipe(
        concatMap((polled) => {
          const snapshot = of(this.event(polled));
          return polled.isComplete() ? concat(snapshot, this.settle(polled)) : snapshot;
        }),
      ),
    );
  }

  private settle(job: BulkJob): Observable<never> {
    const { facts, attempt } = this.slice;
    const retry = job.state !== 'JobComplete' ? this.leftovers : undefined;
    const settled = defer(() => this.plan.journal?.settled(facts.index, attempt) ?? EMPTY).pipe(ignoreElements());
    return concat(settle(this.ctx, this.plan, this.slice, job, retry), settled);
  }
}

/**
 * Streams the finished job's result rows, tied to their input rows, into the sink; then its
 * outcome. The files may not hold more rows than were sent: reading stops at the first extra
 * row (memory stays flat whatever the server sends) and the sink is told. With `leftovers`, the
 * rows the job left unprocessed are collected there instead of being reported. Rows stay raw
 * (UTF-8 bytes) from the scanner to the sink's compact store.
 */
function settle(
  ctx: OperationContext,
  plan: IngestJobPlan,
  slice: IngestSlice,
  job: BulkJob,
  leftovers: number[] | undefined,
): Observable<never> {
  return defer(() => {
    let accounted = 0;
    let over = false;
    const rows = streamRawResults(ctx.api, job).pipe(
      map((batch) => {
        const room = slice.recordCount - accounted;
        const fits = Math.min(batch.rows.count, room);
        over = fits < batch.rows.count;
        accounted += fits;
        const inputIndexes = tieRawRows(batch.header, batch.rows, fits, slice.index, plan.matchBy);
        // with leftovers, unprocessed rows tied to an input row go to the next attempt; the rest are
        // reported (as mismatches)
        const handOn = leftovers !== undefined && batch.kind === 'unprocessed';
        if (handOn) for (const inputIndex of inputIndexes) if (inputIndex !== undefined) leftovers.push(inputIndex);
        plan.results.addRaw({
          kind: batch.kind,
          jobId: job.id,
          header: batch.header,
          rows: batch.rows,
          count: fits,
          inputIndexes,
          ...(handOn ? { keepRow: (row: number) => inputIndexes[row] === undefined } : {}),
        });
        return over;
      }),
      takeWhile((stop) => !stop),
    );
    const outcome = defer(() => {
      if (over) plan.results.addExtraRows(job.id, slice.recordCount);
      const missing = missingRows(job.id, slice.index, plan.original);
      if (missing.length > 0) {
        if (leftovers) for (const row of missing) leftovers.push(row.inputIndex as number);
        else plan.results.addRows({ kind: 'unprocessed', rows: missing });
      }
      plan.results.addOutcome(jobOutcome(job, slice.recordCount, accounted));
      return EMPTY;
    });
    return concat(rows, outcome).pipe(ignoreElements());
  });
}
