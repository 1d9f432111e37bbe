import {
  catchError,
  concatMap,
  EMPTY,
  exhaustMap,
  from,
  map,
  retry,
  Subject,
  take,
  throwError,
  timer,
  type Observable,
  type Subscriber,
  type Subscription,
} from 'rxjs';
import { getLimits } from '../../api/limits-api.js';
import type { CreateIngestJobBody } from '../../api/ingest-api.js';
import { ApiLimitGuardError } from '../../errors/api-limit-guard-error.js';
import { SinkOverflowError } from '../../errors/sink-overflow-error.js';
import type { BulkResult } from '../../models/bulk-result.js';
import type { BulkJobEvent } from '../shared/bulk-event.js';
import type { OperationContext } from '../shared/operation-context.js';
import { RunControl } from '../shared/run-control.js';
import { matchByFor } from '../ingest/correlation/row-key.js';
import { ingest } from '../ingest/ingest.js';
import { resumeIngestJob, runIngestJob, type IngestJobPlan, type IngestSlice } from '../ingest/ingest-job.js';
import { ResultCollector } from '../ingest/results/result-collector.js';
import { JobFiller, type FillerRules } from './job-filler.js';
import { RecordQueue } from './record-queue.js';
import type { SinkEvent } from './sink-event.js';
import type { SinkJournalJob } from './sink-journal-store.js';
import type { ResolvedSinkOptions } from './sink-options.js';
import type { SinkRecorder } from './sink-recorder.js';

/** A sink's source, normalised: records pushed (Observable) or pulled (iterator). */
export type SinkInput<R> =
  | { readonly kind: 'push'; readonly source: Observable<R> }
  | { readonly kind: 'pull'; readonly iterator: AsyncIterator<R> | Iterator<R> };

/** One job running on the server. */
interface RunningJob {
  readonly subscription: Subscription;
  /** Completes when the job's pipeline ended, however it ended (a drain waits for it). */
  readonly done: Subject<void>;
}

/**
 * The state of one subscription to a sink: the buffer, the job being filled, the job cut and
 * waiting for a slot, the jobs running, the pause. Every step runs on the context's scheduler
 * (the `maxWaitMs` cut, the `/limits` polls, every job's polls), so the whole sink runs in
 * virtual time in tests. Records flow: source -> buffer -> filling job -> cut (count, bytes,
 * time, end of input) -> waiting for a slot and for the org limit -> a job of its own -> result.
 */
export class SinkRun<R extends object> {
  private readonly queue = new RecordQueue<R>();
  private filling: { readonly filler: JobFiller<R>; readonly timer: Subscription } | undefined;
  private waiting: JobFiller<R> | undefined;
  private readonly running = new Map<number, RunningJob>();
  /** Records a stopped sink held, still at the head of the queue (not counted against `bufferSize`). */
  private restored = 0;
  /** Jobs a stopped sink left in the journal: they take the first free slots. */
  private readonly resuming: SinkJournalJob[] = [];
  private nextIndex = 0;
  private nextJob = 0;
  private inputDone = false;
  private stopped = false;
  private feeding = false;
  private pulling = false;
  private paused: Subscription | undefined;
  /** Emits when a pause ends. */
  private readonly resumed = new Subject<void>();
  private source: Subscription | undefined;
  private readonly validNames = new Set<string>();

  constructor(
    private readonly ctx: OperationContext,
    private readonly object: string,
    private readonly options: ResolvedSinkOptions,
    private readonly input: SinkInput<R>,
    private readonly subscriber: Subscriber<SinkEvent<R>>,
    private readonly journal: SinkRecorder | undefined,
  ) {}

  /** Starts the run; returns its teardown. */
  start(): () => void {
    if (this.journal) {
      // the jobs a stopped sink left come first, then the records it held, then the source
      this.resuming.push(...this.journal.unsettled());
      const held = this.journal.takePending() as R[];
      this.restored = held.length;
      this.queue.unshiftAll(held);
    }
    if (this.input.kind === 'push') {
      const bufferSize = this.options.bufferSize;
      this.source = this.input.source.subscribe({
        next: (record) => {
          if (this.stopped) return;
          if (this.queue.size - this.restored >= bufferSize) {
            if (this.options.overflow === 'drop') return this.subscriber.next({ type: 'dropped', record });
            return this.fail(new SinkOverflowError(bufferSize));
          }
          this.queue.push(record);
          this.feed();
        },
        error: (error: unknown) => this.fail(error),
        complete: () => {
          this.inputDone = true;
          this.feed();
        },
      });
    }
    this.feed();
    return () => this.teardown();
  }

  /** Moves buffered records into jobs as far as slots, limits and the waiting job allow. */
  private feed(): void {
    if (this.feeding || this.stopped) return;
    this.feeding = true;
    try {
      for (;;) {
        if (this.stopped) return;
        this.tryStart();
        if (this.waiting) break;
        const record = this.queue.peek();
        if (record === undefined) break;
        const filling = this.filling ?? this.open();
        if (!filling.filler.tryAdd(record)) {
          this.cut();
          continue;
        }
        this.queue.shift();
        if (this.restored > 0) this.restored--;
        if (filling.filler.full) this.cut();
      }
      if (this.inputDone && this.queue.size === 0 && this.filling && !this.waiting) {
        this.cut();
        this.tryStart();
      }
      this.finishIfDone();
    } catch (error: unknown) {
      this.fail(error);
    } finally {
      this.feeding = false;
    }
    if (this.input.kind === 'pull') void this.pull(this.input.iterator);
  }

  /** Pulls the next record only when a job can take it: the iterator is the source's backpressure. */
  private async pull(iterator: AsyncIterator<R> | Iterator<R>): Promise<void> {
    if (this.pulling) return;
    this.pulling = true;
    try {
      while (!this.stopped && !this.inputDone && this.queue.size === 0 && !this.waiting) {
        const step = await iterator.next();
        if (this.stopped) {
          // a record read while the sink stopped was handed to it: the journal keeps it for the next sink
          if (!step.done && this.journal)
            this.ctx.detached.run(from(this.journal.stopped([step.value])), 'sink journal write at stop');
          return;
        }
        if (step.done) this.inputDone = true;
        else this.queue.push(step.value);
        this.feed();
      }
    } catch (error: unknown) {
      this.fail(error);
    } finally {
      this.pulling = false;
    }
  }

  private rules(): FillerRules {
    const { operation, externalIdField, columnDelimiter, lineEnding, maxRecordsPerJob, maxBytesPerJob } = this.options;
    return {
      operation,
      externalIdField,
      columnDelimiter,
      lineEnding,
      maxRecordsPerJob,
      maxBytesPerJob,
      matchBy: matchByFor(operation, externalIdField),
      validNames: this.validNames,
    };
  }

  /** A new job to fill; it is cut `maxWaitMs` after its first record (a scheduler timer). */
  private open(): { readonly filler: JobFiller<R>; readonly timer: Subscription } {
    const filler = new JobFiller<R>(this.rules(), this.nextIndex);
    const cutTimer = timer(this.options.maxWaitMs, this.ctx.scheduler).subscribe(() => {
      if (this.filling?.filler !== filler) return;
      this.cut();
      this.feed();
    });
    this.filling = { filler, timer: cutTimer };
    return this.filling;
  }

  /** Ends the filling job: it waits for a slot. */
  private cut(): void {
    const filling = this.filling;
    if (!filling) return;
    filling.timer.unsubscribe();
    this.filling = undefined;
    this.nextIndex = filling.filler.start + filling.filler.count;
    if (filling.filler.count > 0) this.waiting = filling.filler;
  }

  /** Starts the waiting job if a slot is free and the org's API limit allows; else pauses. */
  private tryStart(): void {
    while (this.resuming.length > 0 && this.running.size < this.options.concurrency && !this.stopped)
      this.resumeJob(this.resuming.shift() as SinkJournalJob);
    if (!this.waiting || this.paused || this.running.size >= this.options.concurrency) return;
    const low = this.limitLow();
    if (low) return this.pause(low);
    const filler = this.waiting;
    this.waiting = undefined;
    this.startJob(filler);
  }

  /** The reading that holds job creation back, if any: the sink's threshold, or the client's guard. */
  private limitLow(): { readonly remaining: number; readonly min: number } | undefined {
    const min = this.options.minRemainingApiCalls;
    const info = this.ctx.api.lastLimitInfo;
    if (min !== undefined && info && info.remaining < min) return { remaining: info.remaining, min };
    try {
      this.ctx.limitGuard?.check('a sink job');
    } catch (error) {
      if (error instanceof ApiLimitGuardError) return { remaining: error.remaining, min: error.threshold };
      throw error;
    }
    return undefined;
  }

  /** No job is created until a `/limits` reading (every `limitPollMs`) shows enough requests left. */
  private pause(low: { readonly remaining: number; readonly min: number }): void {
    this.subscriber.next({ type: 'paused', reason: 'apiLimit', remaining: low.remaining, min: low.min });
    const every = this.options.limitPollMs;
    this.paused = timer(every, every, this.ctx.scheduler)
      .pipe(exhaustMap(() => getLimits(this.ctx.api).pipe(catchError(() => EMPTY))))
      .subscribe((limits) => {
        let low: ReturnType<SinkRun<R>['limitLow']>;
        try {
          low = this.limitLow();
        } catch (error: unknown) {
          return this.fail(error);
        }
        if (low) return;
        this.paused?.unsubscribe();
        this.paused = undefined;
        const remaining = limits.DailyApiRequests?.remaining ?? this.ctx.api.lastLimitInfo?.remaining ?? 0;
        this.subscriber.next({ type: 'resumed', reason: 'apiLimit', remaining });
        this.resumed.next();
        this.feed();
      });
  }

  private definition(): CreateIngestJobBody {
    const { operation, externalIdField, columnDelimiter, lineEnding } = this.options;
    return {
      object: this.object,
      operation,
      columnDelimiter,
      lineEnding,
      ...(externalIdField ? { externalIdFieldName: externalIdField } : {}),
    };
  }

  /** The per-job pieces: its control (abort, resubmit), its result collector, its plan. */
  private jobParts(records: readonly R[], start: number, matchBy: IngestJobPlan['matchBy']) {
    const { operation, externalIdField } = this.options;
    const o = this.options;
    const ingestOptions = {
      timeoutMinutes: o.timeoutMs / 60_000,
      pollPolicy: o.pollPolicy,
      columnDelimiter: o.columnDelimiter,
      lineEnding: o.lineEnding,
      resultRows: o.resultRows,
      ...(o.retryPolicy ? { retryPolicy: o.retryPolicy } : {}),
      ...(o.requestLimits ? { requestLimits: o.requestLimits } : {}),
    };
    const control = new RunControl(this.ctx, operation, this.object, (rows) =>
      ingest(this.ctx, { operation, object: this.object, records: rows, externalIdField, options: ingestOptions }),
    );
    const inputOf = (index: number): R | undefined => records[index - start];
    const results = new ResultCollector<R>(o.resultRows, inputOf);
    const plan: IngestJobPlan = {
      definition: this.definition(),
      options: {
        wait: true,
        timeoutMs: o.timeoutMs,
        pollPolicy: o.pollPolicy,
        onProgress: undefined,
        columnDelimiter: o.columnDelimiter,
        lineEnding: o.lineEnding,
      },
      matchBy,
      results,
      original: (index) => inputOf(index) as Readonly<Record<string, unknown>> | undefined,
      journal: this.journal,
    };
    return { control, results, plan };
  }

  private startJob(filler: JobFiller<R>): void {
    const jobIndex = this.journal ? this.journal.newKey() : this.nextJob++;
    this.journal?.register(jobIndex, filler.records);
    // results are tied with the matchBy the filler hashed the rows with
    const { control, results, plan } = this.jobParts(filler.records, filler.start, filler.matchBy);
    const job = from(filler.finish()).pipe(
      concatMap((slice) => {
        const ready: IngestSlice = {
          ...slice,
          facts: { index: jobIndex, start: slice.start, rows: slice.recordCount, bytes: 0, checksum: '' },
          attempt: 0,
        };
        // the client's guard may refuse the creation if a reading fell below its threshold since
        // the sink looked: the job then waits for the pause to end, like the next ones
        return runIngestJob(this.ctx, control, plan, ready).pipe(
          retry({ delay: (error: unknown) => this.afterRefusal(error) }),
        );
      }),
    );
    this.run(jobIndex, job, results, control);
  }

  /** A creation the client's limit guard refused: paused until `/limits` allows; any other error as it is. */
  private afterRefusal(error: unknown): Observable<void> {
    if (!(error instanceof ApiLimitGuardError)) return throwError(() => error);
    if (!this.paused) this.pause({ remaining: error.remaining, min: error.threshold });
    return this.resumed.pipe(take(1));
  }

  /** A job a stopped sink left in the journal: finished from what the server says of it. */
  private resumeJob(entry: SinkJournalJob): void {
    const records = entry.records as R[];
    const rules = {
      ...this.rules(),
      maxRecordsPerJob: Number.MAX_SAFE_INTEGER,
      maxBytesPerJob: Number.MAX_SAFE_INTEGER,
    };
    const filler = new JobFiller<R>(rules, 0);
    for (const record of records) filler.tryAdd(record);
    const { control, results, plan } = this.jobParts(records, 0, filler.matchBy);
    const earlier = {
      index: entry.key,
      start: 0,
      rows: records.length,
      bytes: 0,
      checksum: '0000000000000000',
      attempts: entry.attempts.map((a) => ({ rows: records.length, ...a })),
    };
    const job = from(filler.finish()).pipe(
      concatMap((slice) => {
        const ready: IngestSlice = {
          ...slice,
          facts: { index: entry.key, start: 0, rows: slice.recordCount, bytes: 0, checksum: '' },
          attempt: 0,
        };
        return resumeIngestJob(this.ctx, control, plan, ready, earlier);
      }),
    );
    this.run(entry.key, job, results, control);
  }

  private run(jobIndex: number, job: Observable<BulkJobEvent>, results: ResultCollector<R>, control: RunControl): void {
    const done = new Subject<void>();
    const events = job.pipe(map((e) => ({ type: 'job' as const, jobIndex, job: e.job, total: e.total ?? 0 })));
    const subscription = events.subscribe({
      next: (event) => {
        if (!this.stopped) this.subscriber.next(event);
      },
      error: (error: unknown) => {
        done.complete();
        this.running.delete(jobIndex);
        this.fail(error);
      },
      complete: () => {
        done.complete();
        this.running.delete(jobIndex);
        if (this.journal) this.ctx.detached.run(from(this.journal.done(jobIndex)), 'sink journal write');
        if (this.stopped) return;
        let result: BulkResult<R>;
        try {
          const mismatch = results.mismatchError();
          if (mismatch) throw mismatch;
          result = results.result();
        } catch (error: unknown) {
          return this.fail(error);
        }
        this.subscriber.next({ type: 'jobResult', jobIndex, job: result.job, result, control });
        this.feed();
      },
    });
    if (!subscription.closed) this.running.set(jobIndex, { subscription, done });
  }

  private finishIfDone(): void {
    if (this.stopped || !this.inputDone) return;
    if (this.queue.size > 0 || this.filling || this.waiting || this.running.size > 0 || this.resuming.length > 0)
      return;
    this.stopped = true;
    this.stopTimers();
    this.subscriber.complete();
  }

  private fail(error: unknown): void {
    if (this.stopped) return;
    this.subscriber.error(error);
  }

  private stopTimers(): void {
    this.filling?.timer.unsubscribe();
    this.paused?.unsubscribe();
    this.paused = undefined;
  }

  /** Unsubscribe, an error or the end: stops the source; aborts (or drains) the jobs still running. */
  private teardown(): void {
    const wasRunning = !this.stopped;
    this.stopped = true;
    this.stopTimers();
    this.source?.unsubscribe();
    if (this.input.kind === 'pull') {
      const iterator = this.input.iterator;
      void Promise.resolve()
        .then(() => iterator.return?.())
        .catch(() => undefined);
    }
    for (const [jobIndex, job] of this.running) {
      if (this.options.onUnsubscribe === 'drain') this.ctx.detached.run(job.done, `drain of sink job ${jobIndex}`);
      else job.subscription.unsubscribe();
    }
    this.running.clear();
    if (!wasRunning || !this.journal) return;
    // records held in no created job are kept for the next sink on this journal
    const held: R[] = [
      ...(this.waiting?.records ?? []),
      ...(this.filling?.filler.records ?? []),
      ...this.queue.drain(),
    ];
    this.waiting = undefined;
    this.filling = undefined;
    const journal = this.journal;
    this.ctx.detached.run(from(journal.stopped(held)), 'sink journal write at stop');
  }
}
