import { parseOptions } from '../schemas/parse-options.js';
import { pollPolicyInputSchema } from './poll-policy-schema.js';

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
  return adaptiveFrom(overrides, DEFAULT_ADAPTIVE_POLL_POLICY);
}

/** Adaptive fields over a base; the combined bounds are checked again (each half may be valid alone). */
export function adaptiveFrom(
  fields: Omit<Partial<AdaptivePollPolicy>, 'kind'>,
  from: AdaptivePollPolicy,
): AdaptivePollPolicy {
  const policy: AdaptivePollPolicy = {
    kind: 'adaptive',
    initialDelayMs: fields.initialDelayMs ?? from.initialDelayMs,
    factor: fields.factor ?? from.factor,
    backoffMaxDelayMs: fields.backoffMaxDelayMs ?? from.backoffMaxDelayMs,
    minDelayMs: fields.minDelayMs ?? from.minDelayMs,
    maxDelayMs: fields.maxDelayMs ?? from.maxDelayMs,
    growth: fields.growth ?? from.growth,
  };
  parseOptions(pollPolicyInputSchema, policy);
  return Object.freeze(policy);
}
