import { ValidationError } from '../errors/validation-error.js';
import { checkDelayMs, checkFactor } from './policy-checks.js';

/**
 * Polls near the predicted end of the job. Until the job reports progress (and for jobs
 * whose size is unknown, such as queries) it backs off like the default policy; once
 * `numberRecordsProcessed` rises it estimates the processing rate, re-estimates on every
 * poll, and waits until just past the predicted end, within the bounds below.
 */
export interface AdaptivePollPolicy {
  /** Selects this policy: `'adaptive'`. */
  readonly kind: 'adaptive';
  /** Delay before the first poll, and first step of the backoff used while there is no rate (default 2000). */
  readonly initialDelayMs: number;
  /** Growth of that backoff (default 1.5). */
  readonly factor: number;
  /** Cap of that backoff (default 30000). */
  readonly backoffMaxDelayMs: number;
  /** Shortest wait once the end is being predicted (default 1000). */
  readonly minDelayMs: number;
  /** Longest wait once the end is being predicted (default 60000): bounds the lateness after a sudden speed-up. */
  readonly maxDelayMs: number;
  /** A predicted wait is at most this many times the previous wait, so bets grow with the evidence (default 2). */
  readonly growth: number;
}

/** The fields of an adaptive policy callers may override. */
export type AdaptivePollOptions = Partial<Omit<AdaptivePollPolicy, 'kind'>>;

/** The adaptive policy's defaults (see docs/polling.md). */
export const DEFAULT_ADAPTIVE_POLL_POLICY: AdaptivePollPolicy = Object.freeze({
  kind: 'adaptive',
  initialDelayMs: 2000,
  factor: 1.5,
  backoffMaxDelayMs: 30_000,
  minDelayMs: 1000,
  maxDelayMs: 60_000,
  growth: 2,
});

/** The adaptive policy, with any field overridden. */
export function adaptivePolling(overrides: AdaptivePollOptions = {}): AdaptivePollPolicy {
  return resolveAdaptivePolicy(overrides);
}

/** Fills defaults and checks the numbers (a bad policy is a ValidationError, before any request). */
export function resolveAdaptivePolicy(input: AdaptivePollOptions & { readonly kind?: 'adaptive' }): AdaptivePollPolicy {
  const d = DEFAULT_ADAPTIVE_POLL_POLICY;
  const policy: AdaptivePollPolicy = {
    kind: 'adaptive',
    initialDelayMs: input.initialDelayMs ?? d.initialDelayMs,
    factor: input.factor ?? d.factor,
    backoffMaxDelayMs: input.backoffMaxDelayMs ?? d.backoffMaxDelayMs,
    minDelayMs: input.minDelayMs ?? d.minDelayMs,
    maxDelayMs: input.maxDelayMs ?? d.maxDelayMs,
    growth: input.growth ?? d.growth,
  };
  for (const field of ['initialDelayMs', 'backoffMaxDelayMs', 'minDelayMs', 'maxDelayMs'] as const)
    checkDelayMs(policy[field], `pollPolicy.${field}`);
  checkFactor(policy.factor, 'pollPolicy.factor');
  checkFactor(policy.growth, 'pollPolicy.growth');
  // a zero minimum would let a job that is late on its prediction be polled in a tight loop
  if (policy.minDelayMs <= 0)
    throw new ValidationError('pollPolicy.minDelayMs must be above 0', [
      { message: 'not above 0', field: 'pollPolicy.minDelayMs' },
    ]);
  if (policy.maxDelayMs < policy.minDelayMs) {
    throw new ValidationError('pollPolicy.maxDelayMs must not be below pollPolicy.minDelayMs', [
      { message: 'below minDelayMs', field: 'pollPolicy.maxDelayMs' },
    ]);
  }
  return Object.freeze(policy);
}
