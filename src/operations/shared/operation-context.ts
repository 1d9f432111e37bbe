import type { SchedulerLike } from 'rxjs';
import type { ApiClient } from '../../http/api-client.js';
import type { Logger } from '../../http/logger.js';
import type { RequestLimits } from '../../http/request-limits.js';
import type { RetryPolicy } from '../../http/retry-policy.js';
import type { PollPolicy } from '../../poller/poll-policy.js';
import type { JobOwnership } from '../create/job-ownership.js';
import type { DetachedWork } from './detached-work.js';
import type { LimitGuard } from './limit-guard.js';

/** What operations need from the client. Everything here belongs to one client: nothing is process-wide. */
export interface OperationContext {
  readonly api: ApiClient;
  readonly scheduler: SchedulerLike;
  readonly pollPolicy: PollPolicy;
  readonly detached: DetachedWork;
  readonly logger: Logger;
  /** The jobs this client made, and the gate its creations pass, per org. */
  readonly ownership: JobOwnership;
  /** Consulted before creating a job (client option `minRemainingApiCalls`); absent = no guard. */
  readonly limitGuard?: LimitGuard;
}

/** Per-call settings of the HTTP layer an operation may carry in its options. */
export interface CallSettings {
  readonly retryPolicy?: Partial<RetryPolicy> | undefined;
  readonly requestLimits?: Partial<RequestLimits> | undefined;
}

/**
 * The context of one operation whose options carry a `retryPolicy` or `requestLimits`: every
 * request it sends (create, upload, close, polls, results, aborts, job searches) uses the
 * client's policy and limits with those fields replaced. Without overrides, the context as it is.
 */
export function forCall(ctx: OperationContext, settings: CallSettings): OperationContext {
  const api = ctx.api.withRetryPolicy(settings.retryPolicy).withRequestLimits(settings.requestLimits);
  return api === ctx.api ? ctx : { ...ctx, api };
}
