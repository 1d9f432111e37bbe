import { parseOptions } from '../schemas/parse-options.js';
import { adaptiveFrom, DEFAULT_ADAPTIVE_POLL_POLICY, type AdaptivePollPolicy } from './adaptive-polling.js';
import { pollPolicyInputSchema, type PollPolicyInput } from './poll-policy-schema.js';

/** Exponential backoff: the default policy (2 s first, x1.5, capped at 30 s). */
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

/** The default policy: backoff from 2 s, x1.5 per poll, at most 30 s between polls. */
export const DEFAULT_POLL_POLICY: BackoffPollPolicy = Object.freeze({
  kind: 'backoff',
  initialDelayMs: 2000,
  factor: 1.5,
  maxDelayMs: 30_000,
});

/** The default exponential backoff, with any field overridden. */
export function backoffPolling(overrides: Omit<Partial<BackoffPollPolicy>, 'kind'> = {}): BackoffPollPolicy {
  parseOptions(pollPolicyInputSchema, { ...overrides, kind: 'backoff' });
  return backoffFrom(overrides, DEFAULT_POLL_POLICY);
}

/** Polls at a fixed interval. */
export function fixedPolling(intervalMs: number): FixedPollPolicy {
  parseOptions(pollPolicyInputSchema, { kind: 'fixed', intervalMs });
  return Object.freeze({ kind: 'fixed', intervalMs });
}

/**
 * Checks a `pollPolicy` option (a `ValidationError` before any request) and fills its defaults.
 * Fields given without `kind` tune `base` (the client's policy, for a per-call option) when it is
 * a backoff or adaptive policy; `kind: 'backoff'` fields start from the default backoff otherwise.
 */
export function resolvePollPolicy(
  input: PollPolicyInput | undefined,
  base: PollPolicy = DEFAULT_POLL_POLICY,
): PollPolicy {
  if (input === undefined) return base;
  const parsed = parseOptions(pollPolicyInputSchema, input);
  switch (parsed.kind) {
    case 'fixed':
      return Object.freeze({ kind: 'fixed', intervalMs: parsed.intervalMs });
    case 'adaptive':
      return adaptiveFrom(parsed, DEFAULT_ADAPTIVE_POLL_POLICY);
    case 'backoff':
      return backoffFrom(parsed, base.kind === 'backoff' ? base : DEFAULT_POLL_POLICY);
    case undefined:
      if (base.kind === 'adaptive') return adaptiveFrom(parsed, base);
      return backoffFrom(parsed, base.kind === 'backoff' ? base : DEFAULT_POLL_POLICY);
  }
}

function backoffFrom(fields: Omit<Partial<BackoffPollPolicy>, 'kind'>, from: BackoffPollPolicy): BackoffPollPolicy {
  return Object.freeze({
    kind: 'backoff',
    initialDelayMs: fields.initialDelayMs ?? from.initialDelayMs,
    factor: fields.factor ?? from.factor,
    maxDelayMs: fields.maxDelayMs ?? from.maxDelayMs,
  });
}
