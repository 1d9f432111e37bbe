import { resolveAdaptivePolicy, type AdaptivePollOptions, type AdaptivePollPolicy } from './adaptive-polling.js';
import { checkDelayMs, checkFactor } from './policy-checks.js';

/** Exponential backoff, the default policy (2 s first, x1.5, capped at 30 s). */
export interface BackoffPollPolicy {
  /** Selects this policy: `'backoff'`. */
  readonly kind: 'backoff';
  /** Delay before the first poll (default 2000). */
  readonly initialDelayMs: number;
  /** Growth of the delay after each poll (default 1.5, at least 1). */
  readonly factor: number;
  /** Longest delay between polls (default 30000). */
  readonly maxDelayMs: number;
}

/** A fixed interval (jsforce polls every 1 s, the Salesforce CLI every 5 s). */
export interface FixedPollPolicy {
  /** Selects this policy: `'fixed'`. */
  readonly kind: 'fixed';
  /** Delay before every poll. */
  readonly intervalMs: number;
}

/** Every policy the poller understands. */
export type PollPolicy = BackoffPollPolicy | FixedPollPolicy | AdaptivePollPolicy;

/**
 * What callers may pass: a full policy, backoff fields to override, or
 * `{ kind: 'adaptive', ...fields }` with any adaptive field left to its default.
 */
export type PollPolicyInput =
  | PollPolicy
  | Partial<Omit<BackoffPollPolicy, 'kind'>>
  | (AdaptivePollOptions & {
      /** Selects the adaptive policy; the fields left out take their defaults. */
      readonly kind: 'adaptive';
    });

/** The default policy: backoff from 2 s, x1.5 per poll, at most 30 s between polls. */
export const DEFAULT_POLL_POLICY: BackoffPollPolicy = Object.freeze({
  kind: 'backoff',
  initialDelayMs: 2000,
  factor: 1.5,
  maxDelayMs: 30_000,
});

/** The default exponential backoff, with any field overridden. */
export function backoffPolling(overrides: Partial<Omit<BackoffPollPolicy, 'kind'>> = {}): BackoffPollPolicy {
  return resolvePollPolicy(overrides) as BackoffPollPolicy;
}

/** Polls at a fixed interval. */
export function fixedPolling(intervalMs: number): FixedPollPolicy {
  return resolvePollPolicy({ kind: 'fixed', intervalMs }) as FixedPollPolicy;
}

/**
 * Fills defaults and checks the numbers (a bad policy is a ValidationError, before any request).
 * Fields given without `kind` override `base` when it is a backoff or adaptive policy.
 */
export function resolvePollPolicy(
  input: PollPolicyInput | undefined,
  base: PollPolicy = DEFAULT_POLL_POLICY,
): PollPolicy {
  if (input === undefined) return base;
  if ('kind' in input && input.kind === 'fixed') {
    checkDelayMs(input.intervalMs, 'pollPolicy.intervalMs');
    return Object.freeze({ kind: 'fixed', intervalMs: input.intervalMs });
  }
  if ('kind' in input && input.kind === 'adaptive') return resolveAdaptivePolicy(input);
  // bare fields tune the policy they are given against (the client's, for a per-call override)
  if (!('kind' in input) && base.kind === 'adaptive') return resolveAdaptivePolicy({ ...base, ...input });
  const from = base.kind === 'backoff' ? base : DEFAULT_POLL_POLICY;
  const backoff = input as Partial<BackoffPollPolicy>;
  const policy: BackoffPollPolicy = {
    kind: 'backoff',
    initialDelayMs: backoff.initialDelayMs ?? from.initialDelayMs,
    factor: backoff.factor ?? from.factor,
    maxDelayMs: backoff.maxDelayMs ?? from.maxDelayMs,
  };
  checkDelayMs(policy.initialDelayMs, 'pollPolicy.initialDelayMs');
  checkDelayMs(policy.maxDelayMs, 'pollPolicy.maxDelayMs');
  checkFactor(policy.factor, 'pollPolicy.factor');
  return Object.freeze(policy);
}
