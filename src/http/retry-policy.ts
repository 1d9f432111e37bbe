import { ApiError } from '../errors/api-error.js';
import { ConnectionError } from '../errors/connection-error.js';
import { RateLimitError } from '../errors/rate-limit-error.js';
import { ServerError } from '../errors/server-error.js';

/**
 * When and how transient failures are retried, as data. Per client, overridable per call.
 * Retried: connection errors, 5xx (and 420), 429 and `REQUEST_LIMIT_EXCEEDED`.
 * Never retried: validation errors and any other 4xx.
 */
export interface RetryPolicy {
  /** Retries after the first attempt (0 disables retrying). */
  readonly maxRetries: number;
  /** Delay before the first retry. */
  readonly initialDelayMs: number;
  /** Growth of the delay per retry. */
  readonly factor: number;
  /** Upper bound of one delay (also caps `Retry-After`). Above 2^31 - 1 ms the wait is chained, never cut short. */
  readonly maxDelayMs: number;
  /** Fraction of each delay that is randomised (0 = none, 1 = full jitter). */
  readonly jitter: number;
}

/** The default retries: 5 after the first attempt, from 500 ms, x2, at most 30 s, half of each delay random. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = Object.freeze({
  maxRetries: 5,
  initialDelayMs: 500,
  factor: 2,
  maxDelayMs: 30_000,
  jitter: 0.5,
});

/** Whether an error may be retried for a request of the given idempotency. */
export function isRetryable(error: unknown, idempotent: boolean): boolean {
  if (error instanceof ConnectionError) return idempotent || !error.requestSent;
  // refused before doing anything: safe even for job creation
  if (error instanceof RateLimitError) return true;
  if (error instanceof ServerError) return idempotent;
  return error instanceof ApiError && error.retryable && idempotent;
}

/**
 * Delay before retry number `retry` (1-based): capped exponential backoff with jitter, or the
 * server's `Retry-After` clamped to `[initialDelayMs, maxDelayMs]` (a hint of 0, a date in the
 * past or a hostile tiny value does not make the client retry at once, a huge one does not stall it).
 */
export function retryDelayMs(
  policy: RetryPolicy,
  retry: number,
  error: unknown,
  random: () => number = Math.random,
): number {
  const hinted = error instanceof RateLimitError || error instanceof ServerError ? error.retryAfterMs : undefined;
  if (hinted !== undefined && Number.isFinite(hinted)) {
    return Math.min(policy.maxDelayMs, Math.max(hinted, policy.initialDelayMs));
  }
  const base = Math.min(policy.maxDelayMs, policy.initialDelayMs * policy.factor ** (retry - 1));
  const jitter = Math.max(0, Math.min(1, policy.jitter));
  return Math.round(base * (1 - jitter) + base * jitter * random());
}

/** A policy with some fields replaced; undefined fields keep the base value. */
export function mergeRetryPolicy(base: RetryPolicy, overrides: Partial<RetryPolicy> | undefined): RetryPolicy {
  if (!overrides) return base;
  const out: Record<string, number> = { ...base };
  for (const [key, value] of Object.entries(overrides)) if (typeof value === 'number') out[key] = value;
  return Object.freeze(out as unknown as RetryPolicy);
}
