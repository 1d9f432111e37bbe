import type { Subscription } from 'rxjs';
import type { TimerRegistry } from '../core/timer-registry.js';
import type { IngestRunner } from '../ingest/ingest-runner.js';
import type { QueryRunner } from '../query/query-runner.js';
import { isTerminal, type FailurePlan, type Job } from './job-types.js';

/** How fast jobs are processed: synchronously at close, or at a rate driven by RxJS ticks. */
export type ProcessingMode =
  | 'instant'
  | {
      /** Rows processed per second. */
      readonly recordsPerSecond: number;
      /** Length of a processing tick, in ms (default 50). */
      readonly tickMs?: number;
    };

/** A queued `failNextJob` request. */
interface PendingFailure extends FailurePlan {
  readonly kind?: Job['kind'];
}

const DEFAULT_TICK_MS = 50;

/**
 * Moves closed jobs through UploadComplete -> InProgress -> JobComplete | Failed. In rate mode
 * the first tick only switches to InProgress (so pollers see every state), later ticks process
 * `recordsPerSecond * tickMs / 1000` rows each. Every tick subscription is owned by the
 * TimerRegistry and stops on abort, delete or emulator close.
 */
export class ProcessingEngine {
  private readonly running = new Map<string, Subscription>();
  private readonly pendingFailures: PendingFailure[] = [];

  constructor(
    private readonly mode: ProcessingMode,
    private readonly timers: TimerRegistry,
    private readonly ingest: IngestRunner,
    private readonly query: QueryRunner,
    private readonly now: () => number,
    /** Called once a job's data is parsed (ingest batches are counted against the limits). */
    private readonly onBegin: (job: Job) => void = () => undefined,
  ) {}

  /** The next job to start processing (optionally only of one kind) fails after `afterRecords` rows. */
  failNextJob(message: string, afterRecords = 0, kind?: Job['kind']): void {
    this.pendingFailures.push({ message, afterRecords, kind });
  }

  /** Starts processing a job that just reached UploadComplete. */
  schedule(job: Job): void {
    if (this.mode === 'instant') {
      this.begin(job);
      while (!isTerminal(job.state)) this.advance(job, Number.MAX_SAFE_INTEGER);
      return;
    }
    const tickMs = this.mode.tickMs ?? DEFAULT_TICK_MS;
    const perTick = (this.mode.recordsPerSecond * tickMs) / 1000;
    let budget = 0;
    const sub = this.timers.every(tickMs, () => {
      if (isTerminal(job.state)) return this.cancel(job.id);
      if (job.state === 'UploadComplete') return this.begin(job);
      budget += perTick;
      const n = Math.floor(budget);
      budget -= n;
      this.advance(job, n);
    });
    this.running.set(job.id, sub);
  }

  /** Stops processing a job (abort, delete); rows not yet processed stay unprocessed. */
  cancel(jobId: string): void {
    const sub = this.running.get(jobId);
    if (sub) this.timers.release(sub);
    this.running.delete(jobId);
    this.ingest.forget(jobId);
  }

  private touch(job: Job): void {
    job.systemModstamp = this.now();
  }

  private begin(job: Job): void {
    job.state = 'InProgress';
    job.startedAt = this.now();
    this.touch(job);
    const index = this.pendingFailures.findIndex((f) => f.kind === undefined || f.kind === job.kind);
    if (index >= 0) job.failurePlan = this.pendingFailures.splice(index, 1)[0];
    const failure = job.kind === 'ingest' ? this.ingest.begin(job) : this.query.begin(job);
    this.onBegin(job);
    if (failure !== undefined) this.finish(job, 'Failed', failure);
  }

  private advance(job: Job, budget: number): void {
    if (job.state !== 'InProgress') return;
    const plan = job.failurePlan;
    const allowed = plan ? Math.min(budget, Math.max(0, plan.afterRecords - job.numberRecordsProcessed)) : budget;
    const done = job.kind === 'ingest' ? this.ingest.step(job, allowed) : this.query.step(job, allowed);
    this.touch(job);
    if (plan && (job.numberRecordsProcessed >= plan.afterRecords || done)) {
      this.finish(job, 'Failed', plan.message);
    } else if (done) {
      this.finish(job, 'JobComplete');
    }
  }

  private finish(job: Job, state: 'JobComplete' | 'Failed', message?: string): void {
    job.state = state;
    job.endedAt = this.now();
    if (message !== undefined) job.errorMessage = message;
    this.touch(job);
    this.cancel(job.id);
  }

  /** Stops every job's ticks (emulator close). */
  stopAll(): void {
    for (const id of [...this.running.keys()]) this.cancel(id);
  }
}
