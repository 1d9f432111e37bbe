import type { BehaviorSubject, SchedulerLike } from 'rxjs';
import type { Authenticator } from '../auth/authenticator.js';
import type { SecretSet } from '../errors/secret-set.js';
import type { LimitInfo } from '../models/limit-info.js';
import type { Logger } from './logger.js';
import type { RequestLimits } from './request-limits.js';
import type { RetryPolicy } from './retry-policy.js';
import type { Transport } from './transport.js';

/** What the API client is built from (the client wires these). */
export interface ApiClientOptions {
  readonly transport: Transport;
  readonly auth: Authenticator;
  /** API version without the `v`, e.g. `66.0`. */
  readonly apiVersion: string;
  readonly logger?: Logger;
  readonly retryPolicy?: RetryPolicy;
  readonly scheduler?: SchedulerLike;
  /** Source of jitter for retry delays (tests pass a fixed one). */
  readonly random?: () => number;
  /** Value of `Sforce-Call-Options` sent on every call, e.g. `client=my-app`. */
  readonly callOptions?: string;
  /** Timeouts and size caps of every request (default `DEFAULT_REQUEST_LIMITS`). */
  readonly requestLimits?: RequestLimits;
}

/** What a client shares with its per-call copies. @internal */
export interface SharedState {
  readonly limitInfo: BehaviorSubject<LimitInfo | undefined>;
  instanceUrl: string | undefined;
  serverOffsetMs: number | undefined;
  readonly secrets: SecretSet;
}
