import type { SchedulerLike } from 'rxjs';
import type { ApiClient } from '../http/api-client.js';
import type { Logger } from '../http/logger.js';
import type { PollPolicy } from '../poller/poll-policy.js';
import type { DetachedWork } from './detached-work.js';
import type { LimitGuard } from './limit-guard.js';

/** What operations need from the client. */
export interface OperationContext {
  readonly api: ApiClient;
  readonly scheduler: SchedulerLike;
  readonly pollPolicy: PollPolicy;
  readonly detached: DetachedWork;
  readonly logger: Logger;
  /** Consulted before creating a job (client option `minRemainingApiCalls`); absent = no guard. */
  readonly limitGuard?: LimitGuard;
}
