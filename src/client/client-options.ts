import type { SchedulerLike } from 'rxjs';
import * as z from 'zod/mini';
import type { Authenticator } from '../auth/authenticator.js';
import type { Logger } from '../http/logger.js';
import {
  DEFAULT_REQUEST_LIMITS,
  mergeRequestLimits,
  requestLimitsInputSchema,
  type RequestLimits,
} from '../http/request-limits.js';
import { DEFAULT_RETRY_POLICY, mergeRetryPolicy, type RetryPolicy } from '../http/retry-policy.js';
import { retryPolicyInputSchema } from '../http/retry-policy-schema.js';
import type { Transport } from '../http/transport.js';
import { pollPolicyInputSchema, type PollPolicyInput } from '../poller/poll-policy-schema.js';
import { resolvePollPolicy, type PollPolicy } from '../poller/poll-policy.js';
import { parseOptions, type Assert, type SameKeys } from '../schemas/parse-options.js';

/** Options of {@link SalesforceClient}. */
export interface SalesforceClientOptions {
  /** How to get a session: `JwtAuthenticator.fromEnv()`, `new AccessTokenAuthenticator(...)`, ... */
  readonly auth: Authenticator;
  /** API version without `v` (default `66.0`). */
  readonly apiVersion?: string;
  /** The network seam (default: axios). */
  readonly transport?: Transport;
  /** Default poll policy for every job (default: 2 s, x1.5, capped at 30 s). */
  readonly pollPolicy?: PollPolicyInput;
  /** Retries of transient failures (default: 5 retries, 500 ms doubling to 30 s, half jitter). */
  readonly retryPolicy?: Partial<RetryPolicy>;
  /** Scheduler for polling, backoff and deadlines (tests pass a TestScheduler). */
  readonly scheduler?: SchedulerLike;
  /** Receives debug and warning messages (never secrets); silent by default. */
  readonly logger?: Logger;
  /** `Sforce-Call-Options` header value, e.g. `client=my-integration`. */
  readonly callOptions?: string;
  /**
   * Keep this many daily API requests in reserve: once `Sforce-Limit-Info` shows fewer remaining,
   * creating a job fails with `ApiLimitGuardError` before any request (default: no guard).
   */
  readonly minRemainingApiCalls?: number;
  /**
   * Timeouts and size caps of every request, token requests included (default: 60 s idle
   * timeout, no deadline, 4 MiB JSON bodies, 4 GiB streamed bodies, CSV fields of 1 Mi and rows
   * of 4 Mi characters). See docs/reliability.md, "Limits".
   */
  readonly requestLimits?: Partial<RequestLimits>;
}

/** The API version calls are made with unless `apiVersion` is given. */
export const DEFAULT_API_VERSION = '66.0';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

const clientOptionsSchema = z.strictObject({
  auth: z.custom<Authenticator>((v) => isObject(v) && typeof v.session === 'function', 'must be an Authenticator'),
  apiVersion: z.optional(z.string().check(z.regex(/^\d{2}\.\d$/, 'must look like 66.0'))),
  transport: z.optional(z.custom<Transport>((v) => typeof v === 'function', 'must be a function')),
  pollPolicy: z.optional(pollPolicyInputSchema),
  retryPolicy: z.optional(retryPolicyInputSchema),
  scheduler: z.optional(
    z.custom<SchedulerLike>((v) => isObject(v) && typeof v.now === 'function', 'must be a scheduler'),
  ),
  logger: z.optional(z.custom<Logger>(isObject, 'must be a logger object')),
  callOptions: z.optional(z.string()),
  minRemainingApiCalls: z.optional(z.int().check(z.minimum(0))),
  requestLimits: z.optional(requestLimitsInputSchema),
}) satisfies z.ZodMiniType<SalesforceClientOptions>;

// a field in the interface and not in the schema (or the reverse) fails to compile
type _KeysMatch = Assert<SameKeys<SalesforceClientOptions, z.input<typeof clientOptionsSchema>>>;

/** Client options with every default filled in. */
export interface ResolvedClientOptions {
  readonly auth: Authenticator;
  readonly apiVersion: string;
  readonly transport: Transport | undefined;
  readonly pollPolicy: PollPolicy;
  readonly retryPolicy: RetryPolicy;
  readonly scheduler: SchedulerLike | undefined;
  readonly logger: Logger | undefined;
  readonly callOptions: string | undefined;
  readonly minRemainingApiCalls: number | undefined;
  readonly requestLimits: RequestLimits;
}

/** Checks client options (unknown keys refused, a `ValidationError`) and fills defaults. */
export function resolveClientOptions(options: SalesforceClientOptions): ResolvedClientOptions {
  const o = parseOptions(clientOptionsSchema, options);
  return {
    auth: o.auth,
    apiVersion: o.apiVersion ?? DEFAULT_API_VERSION,
    transport: o.transport,
    pollPolicy: resolvePollPolicy(o.pollPolicy),
    retryPolicy: mergeRetryPolicy(DEFAULT_RETRY_POLICY, o.retryPolicy),
    scheduler: o.scheduler,
    logger: o.logger,
    callOptions: o.callOptions,
    minRemainingApiCalls: o.minRemainingApiCalls,
    requestLimits: mergeRequestLimits(DEFAULT_REQUEST_LIMITS, o.requestLimits),
  };
}
