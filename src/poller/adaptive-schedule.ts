import type { BulkJob } from '../models/bulk-job.js';
import type { AdaptivePollPolicy } from './adaptive-polling.js';
import type { PollContext, PollSchedule } from './poll-schedule-types.js';
import { ProgressEstimate, type ProgressForecast } from './progress-estimate.js';

/** Aim this far past the predicted end, so a poll does not land just before it (share of the remaining time, at least 250 ms). */
const MARGIN_SHARE = 0.02;
const MIN_MARGIN_MS = 250;

/**
 * The schedule of an {@link AdaptivePollPolicy}. Phases:
 * - no pace yet (no total, or the counter has not moved): the policy's backoff;
 * - forecasting: wait until just past the forecast end, re-estimating at every poll; a wait is
 *   at most `growth` times the previous one and within `[minDelayMs, maxDelayMs]`, so a sudden
 *   speed-up is noticed at most one (bounded) wait late; when the job may finish at its
 *   counter's next move (see `ProgressForecast.lastStep`), at most half the last interval;
 * - overdue (forecast end passed, counter still): wait half as long as the counter has been
 *   still, so a job in its last step is neither polled every second nor forgotten.
 * With a deadline, the last poll is placed `minDelayMs` before it, so a timeout reports a fresh snapshot.
 */
export function createAdaptiveSchedule(policy: AdaptivePollPolicy, context: PollContext): PollSchedule {
  const total = context.total;
  const estimate = total !== undefined && total > 0 ? new ProgressEstimate(total) : undefined;
  let backoffStep = 0;
  let previous: number | undefined;

  const backoff = (): number => {
    const delay = Math.min(policy.backoffMaxDelayMs, policy.initialDelayMs * policy.factor ** backoffStep);
    backoffStep += 1;
    return previous === undefined ? delay : Math.max(policy.minDelayMs, delay);
  };

  const predicted = (forecast: ProgressForecast, now: number): number => {
    const remaining = forecast.end - now;
    if (remaining <= 0) {
      // the counter is late on its prediction: wait half as long as it has been still
      return Math.min(policy.maxDelayMs, Math.max(policy.minDelayMs, (now - forecast.changedAt) / 2));
    }
    let target = remaining + Math.max(MIN_MARGIN_MS, remaining * MARGIN_SHARE);
    if (forecast.lastStep) target = Math.min(target, forecast.interval / 2);
    const bet = Math.min(target, (previous ?? Infinity) * policy.growth);
    return Math.min(policy.maxDelayMs, Math.max(policy.minDelayMs, bet));
  };

  return {
    next(last: BulkJob | undefined, now: number): number {
      estimate?.observe({ at: now, processed: last?.numberRecordsProcessed ?? 0 });
      const forecast = estimate?.forecast();
      let delay = forecast === undefined ? backoff() : predicted(forecast, now);
      const latest = (context.deadlineAt ?? Infinity) - now - policy.minDelayMs;
      if (latest >= policy.minDelayMs) delay = Math.min(delay, latest);
      delay = Math.round(delay);
      previous = delay;
      return delay;
    },
  };
}
