import {
  catchError,
  EMPTY,
  exhaustMap,
  Subject,
  take,
  throwError,
  timer,
  type Observable,
  type Subscription,
} from 'rxjs';
import { getLimits } from '../../api/limits-api.js';
import { ApiLimitGuardError } from '../../errors/api-limit-guard-error.js';
import type { OperationContext } from '../shared/operation-context.js';
import type { SinkPausedEvent, SinkResumedEvent } from './sink-event.js';
import type { ResolvedSinkOptions } from './sink-options.js';

/** A reading below a threshold: what holds job creation back. */
export interface LimitReading {
  readonly remaining: number;
  readonly min: number;
}

/** What the pause tells the sink it belongs to. */
export interface SinkLimitPauseHooks {
  /** A `paused` or `resumed` event for the sink's subscriber. */
  readonly emit: (event: SinkPausedEvent | SinkResumedEvent) => void;
  /** Stops the sink with an error. */
  readonly fail: (error: unknown) => void;
  /** The pause ended: jobs may be created again. */
  readonly resumed: () => void;
}

/**
 * A sink's API-limit pause: whether the org's remaining daily API requests allow a job creation
 * (the sink's `minRemainingApiCalls`, or the client's guard), and, while they do not, a `/limits`
 * poll every `limitPollMs` on the context's scheduler until a reading shows enough left.
 */
export class SinkLimitPause {
  private paused: Subscription | undefined;
  /** Emits when a pause ends. */
  private readonly resumed = new Subject<void>();

  constructor(
    private readonly ctx: OperationContext,
    private readonly options: Pick<ResolvedSinkOptions, 'minRemainingApiCalls' | 'limitPollMs'>,
    private readonly hooks: SinkLimitPauseHooks,
  ) {}

  /** Whether the sink is paused. */
  get active(): boolean {
    return this.paused !== undefined;
  }

  /** The reading that holds job creation back, if any: the sink's threshold, or the client's guard. */
  low(): LimitReading | undefined {
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
  pause(low: LimitReading): void {
    this.hooks.emit({ type: 'paused', reason: 'apiLimit', remaining: low.remaining, min: low.min });
    const every = this.options.limitPollMs;
    this.paused = timer(every, every, this.ctx.scheduler)
      .pipe(exhaustMap(() => getLimits(this.ctx.api).pipe(catchError(() => EMPTY))))
      .subscribe((limits) => {
        let low: LimitReading | undefined;
        try {
          low = this.low();
        } catch (error: unknown) {
          return this.hooks.fail(error);
        }
        if (low) return;
        this.paused?.unsubscribe();
        this.paused = undefined;
        const remaining = limits.DailyApiRequests?.remaining ?? this.ctx.api.lastLimitInfo?.remaining ?? 0;
        this.hooks.emit({ type: 'resumed', reason: 'apiLimit', remaining });
        this.resumed.next();
        this.hooks.resumed();
      });
  }

  /** A creation the client's limit guard refused: paused until `/limits` allows; any other error as it is. */
  afterRefusal(error: unknown): Observable<void> {
    if (!(error instanceof ApiLimitGuardError)) return throwError(() => error);
    if (!this.paused) this.pause({ remaining: error.remaining, min: error.threshold });
    return this.resumed.pipe(take(1));
  }

  /** Stops polling (the sink stopped). */
  stop(): void {
    this.paused?.unsubscribe();
    this.paused = undefined;
  }
}
