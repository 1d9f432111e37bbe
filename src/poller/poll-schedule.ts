import { createAdaptiveSchedule } from './adaptive-schedule.js';
import type { PollPolicy } from './poll-policy.js';
import type { PollContext, PollSchedule } from './poll-schedule-types.js';

export type { PollContext, PollSchedule } from './poll-schedule-types.js';

/** Creates the per-job schedule of a policy. Backoff and fixed schedules ignore the context. */
export function createPollSchedule(policy: PollPolicy, context: PollContext = {}): PollSchedule {
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
    case 'adaptive':
      return createAdaptiveSchedule(policy, context);
  }
}
