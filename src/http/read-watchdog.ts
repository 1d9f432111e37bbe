import type { SchedulerLike, Subscription } from 'rxjs';
import { longTimer } from './long-timer.js';

/** The bounds of the reads of one body. */
export interface ReadBounds {
  /** Longest wait for one read (`Infinity`: none). */
  readonly idleTimeoutMs: number;
  /** Scheduler time after which no read may still be waiting, nor start (`Infinity`: never). */
  readonly deadlineAt: number;
  readonly scheduler: SchedulerLike;
  /** The error a read fails with when a bound is overrun. */
  readonly timedOut: (kind: 'idle' | 'deadline') => Error;
}

/**
 * Fails a pending read of a body when it waited `idleTimeoutMs`, or when the deadline passes.
 * Only time spent waiting on the server counts: a consumer that is busy between reads is not a
 * stalled server. One idle timer serves every read (a read that ends leaves it armed; when it
 * fires it re-arms for what is left of the current wait, or lapses if no read is waiting), so
 * a body of many chunks does not start and clear a timer per chunk. Timers run on the scheduler.
 */
export class ReadWatchdog {
  private waitingSince: number | undefined;
  private reject: ((error: Error) => void) | undefined;
  private idleTimer: Subscription | undefined;
  private deadlineTimer: Subscription | undefined;
  private pastDeadline = false;

  constructor(private readonly bounds: ReadBounds) {}

  /** The read's outcome, or the bound's error if it comes first. */
  watch<T>(read: Promise<T>): Promise<T> {
    const { idleTimeoutMs, deadlineAt, scheduler } = this.bounds;
    if (idleTimeoutMs === Infinity && deadlineAt === Infinity) return read;
    // the read may still settle after a timeout (as the stream is destroyed): nobody listens then
    read.catch(() => undefined);
    if (this.pastDeadline || scheduler.now() >= deadlineAt) return Promise.reject(this.bounds.timedOut('deadline'));
    this.waitingSince = scheduler.now();
    this.armIdle(idleTimeoutMs);
    this.armDeadline();
    return new Promise<T>((resolve, reject) => {
      this.reject = reject;
      read.then(
        (value) => {
          this.settle();
          resolve(value);
        },
        (error: unknown) => {
          this.settle();
          reject(error);
        },
      );
    });
  }

  /** Stops the timers (the body ended or was released). */
  stop(): void {
    this.idleTimer?.unsubscribe();
    this.deadlineTimer?.unsubscribe();
    this.idleTimer = undefined;
    this.deadlineTimer = undefined;
  }

  private settle(): void {
    this.waitingSince = undefined;
    this.reject = undefined;
  }

  private armIdle(ms: number): void {
    if (this.idleTimer || ms === Infinity) return;
    this.idleTimer = longTimer(ms, this.bounds.scheduler).subscribe(() => {
      this.idleTimer = undefined;
      if (this.waitingSince === undefined) return; // nothing waits: the next read re-arms
      const waited = this.bounds.scheduler.now() - this.waitingSince;
      if (waited >= this.bounds.idleTimeoutMs) this.fail('idle');
      else this.armIdle(this.bounds.idleTimeoutMs - waited);
    });
  }

  private armDeadline(): void {
    if (this.deadlineTimer || this.bounds.deadlineAt === Infinity) return;
    const ms = this.bounds.deadlineAt - this.bounds.scheduler.now();
    this.deadlineTimer = longTimer(ms, this.bounds.scheduler).subscribe(() => {
      this.pastDeadline = true;
      if (this.reject) this.fail('deadline');
    });
  }

  private fail(kind: 'idle' | 'deadline'): void {
    const reject = this.reject;
    this.settle();
    reject?.(this.bounds.timedOut(kind));
  }
}
