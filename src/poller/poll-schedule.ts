import type { BulkJob } from '../models/bulk-job.js';
import type { PollPolicy } from './poll-policy.js';

/** Decides the delay before each poll of one job. Stateful: one per job. */
export interface PollSchedule {
  /** Delay before the next poll; `last` is the latest snapshot (undefined before the first), `now` the scheduler's time. */
  next(last: BulkJob | undefined, now: number): number;
}

/** Creates the per-job schedule of a policy. */
export function createPollSchedule(policy: PollPolicy): PollSchedule {
  switch (policy.kind) {
    case 'fixed':
      return { next: () => policy.intervalMs };
    case 'backoff': {
      let attempt = 0;
      return {
        next: () => {
          const delay = Math.min(policy.maxDelayMs, policy.initialDelayMs * policy.factor ** attempt);
          attempt += 1;
          return Math.round(delay);
        },
      };
    }
  }
}
