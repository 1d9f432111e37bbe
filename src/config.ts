import type { SchedulerLike } from 'rxjs';
import { z } from 'zod';
import type { Authenticator } from './auth/authenticator.js';
import type { Logger } from './http/logger.js';
import { requestLimitsInputSchema, type RequestLimits } from './http/request-limits.js';
import { DEFAULT_RETRY_POLICY, mergeRetryPolicy, type RetryPolicy } from './http/retry-policy.js';
import { retryPolicyInputSchema } from './http/retry-policy-schema.js';
import type { Transport } from './http/transport.js';
import { parseOptions } from './operations/ingest-options.js';
import type { PollPolicyInput } from './poller/poll-policy.js';

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

export const DEFAULT_API_VERSION = '66.0';

const clientOptionsSchema = z.strictObject({
  auth: z.custom<Authenticator>(
    (v) => typeof v === 'object' && v !== null && typeof (v as Authenticator).session === 'function',
    'must be an Authenticator',
  ),
  apiVersion: z
    .string()
    .regex(/^\d{2}\.\d$/, 'must look like 66.0')
    .optional(),
  transport: z.custom<Transport>((v) => typeof v === 'function', 'must be a function').optional(),
  pollPolicy: z.looseObject({}).optional(),
  retryPolicy: retryPolicyInputSchema.optional(),
  scheduler: z
    .custom<SchedulerLike>(
      (v) => typeof v === 'object' && v !== null && typeof (v as SchedulerLike).now === 'function',
      'must be a scheduler',
    )
    .optional(),
  logger: z.looseObject({}).optional(),
  callOptions: z.string().optional(),
  minRemainingApiCalls: z.number().int().min(0).optional(),
  requestLimits: requestLimitsInputSchema.optional(),
});

/** Checks client options (unknown keys refused) and fills defaults. */
export function resolveClientOptions(
  options: SalesforceClientOptions,
): SalesforceClientOptions & { apiVersion: string; retryPolicy: RetryPolicy } {
  parseOptions(clientOptionsSchema, options);
  return {
    ...options,
    apiVersion: options.apiVersion ?? DEFAULT_API_VERSION,
    retryPolicy: mergeRetryPolicy(DEFAULT_RETRY_POLICY, options.retryPolicy),
  };
}
