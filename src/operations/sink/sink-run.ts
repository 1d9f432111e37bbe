import { from, map, Subject, timer, type Observable, type Subscriber, type Subscription } from 'rxjs';
import { SinkOverflowError } from '../../errors/sink-overflow-error.js';
import type { BulkResult } from '../../models/bulk-result.js';
import type { BulkJobEvent } from '../shared/bulk-event.js';
import type { OperationContext } from '../shared/operation-context.js';
import type { RunControl } from '../shared/run-control.js';
import type { ResultCollector } from '../ingest/results/result-collector.js';
import { JobFiller } from './job-filler.js';
import { RecordQueue } from './record-queue.js';
import type { SinkEvent } from './sink-event.js';
import type { SinkInput } from './sink-input.js';
import { fillerRules, newSinkJob, resumedSinkJob, type SinkJobScope } from './sink-job.js';
import type { SinkJournalJob } from './sink-journal-store.js';
import { SinkLimitPause } from './sink-limit-pause.js';
import type { ResolvedSinkOptions } from './sink-options.js';
import type { SinkRecorder } from './sink-recorder.js';

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
  private readonly limits: SinkLimitPause;
  private source: Subscription | undefined;
  private readonly validNames = new Set<string>();
  private readonly scope: SinkJobScope;

  constructor(
    private readonly ctx: OperationContext,
    object: string,
    private readonly options: ResolvedSinkOptions,
    private readonly input: SinkInput<R>,
    private readonly subscriber: Subscriber<SinkEvent<R>>,
    private readonly journal: SinkRecorder | undefined,
  ) {
    this.scope = { ctx, object, options, journal };
    this.limits = new SinkLimitPause(ctx, options, {
      emit: (event) => this.subscriber.next(event),
      fail: (error) => this.fail(error),
      resumed: () => this.feed(),
    });
  }

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

  /** A new job to fill; it is cut `maxWaitMs` after its first record (a scheduler timer). */
  private open(): { readonly filler: JobFiller<R>; readonly timer: Subscription } {
    const filler = new JobFiller<R>(fillerRules(this.options, this.validNames), this.nextIndex);
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
    if (!this.waiting || this.limits.active || this.running.size >= this.options.concurrency) return;
    const low = this.limits.low();
    if (low) return this.limits.pause(low);
    const filler = this.waiting;
    this.waiting = undefined;
    this.startJob(filler);
  }

  private startJob(filler: JobFiller<R>): void {
    const jobIndex = this.journal ? this.journal.newKey() : this.nextJob++;
    this.journal?.register(jobIndex, filler.records);
    const { job, results, control } = newSinkJob(this.scope, filler, jobIndex, (error) =>
      this.limits.afterRefusal(error),
    );
    this.run(jobIndex, job, results, control);
  }

  /** A job a stopped sink left in the journal: finished from what the server says of it. */
  private resumeJob(entry: SinkJournalJob): void {
    const { job, results, control } = resumedSinkJob<R>(this.scope, entry, this.validNames);
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
    this.limits.stop();
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
