import { ValidationError } from '../errors/validation-error.js';

/** Exponential backoff: the seed's policy (2 s first, x1.5, capped at 30 s). */
export interface BackoffPollPolicy {
  readonly kind: 'backoff';
  readonly initialDelayMs: number;
  readonly factor: number;
  readonly maxDelayMs: number;
}

/** A fixed interval (jsforce polls every 1 s, the Salesforce CLI every 5 s). */
export interface FixedPollPolicy {
  readonly kind: 'fixed';
  readonly intervalMs: number;
}

/** Every policy the poller understands. */
export type PollPolicy = BackoffPollPolicy | FixedPollPolicy;

/** What callers may pass: a full policy, or backoff fields to override. */
export type PollPolicyInput = PollPolicy | Partial<Omit<BackoffPollPolicy, 'kind'>>;

export const DEFAULT_POLL_POLICY: BackoffPollPolicy = Object.freeze({ kind: 'backoff', initialDelayMs: 2000, factor: 1.5, maxDelayMs: 30_000 });

/** The seed's exponential backoff, with any field overridden. */
export function backoffPolling(overrides: Partial<Omit<BackoffPollPolicy, 'kind'>> = {}): BackoffPollPolicy {
  return resolvePollPolicy(overrides) as BackoffPollPolicy;
}

/** Polls at a fixed interval. */
export function fixedPolling(intervalMs: number): FixedPollPolicy {
  return resolvePollPolicy({ kind: 'fixed', intervalMs }) as FixedPollPolicy;
}

/** Fills defaults and checks the numbers (a bad policy is a ValidationError, before any request). */
export function resolvePollPolicy(input: PollPolicyInput | undefined, base: PollPolicy = DEFAULT_POLL_POLICY): PollPolicy {
  if (input === undefined) return base;
  if ('kind' in input && input.kind === 'fixed') {
    positive(input.intervalMs, 'pollPolicy.intervalMs');
    return Object.freeze({ kind: 'fixed', intervalMs: input.intervalMs });
  }
  const from = base.kind === 'backoff' ? base : DEFAULT_POLL_POLICY;
  const backoff = input as Partial<BackoffPollPolicy>;
  const policy: BackoffPollPolicy = {
    kind: 'backoff',
    initialDelayMs: backoff.initialDelayMs ?? from.initialDelayMs,
    factor: backoff.factor ?? from.factor,
    maxDelayMs: backoff.maxDelayMs ?? from.maxDelayMs,
  };
  positive(policy.initialDelayMs, 'pollPolicy.initialDelayMs');
  positive(policy.maxDelayMs, 'pollPolicy.maxDelayMs');
  if (!(policy.factor >= 1)) throw new ValidationError('pollPolicy.factor must be at least 1', [{ message: 'below 1', field: 'pollPolicy.factor' }]);
  return Object.freeze(policy);
}

function positive(value: unknown, field: string): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new ValidationError(`${field} must be a non-negative number of milliseconds`, [{ message: 'not a non-negative number', field }]);
  }
}
