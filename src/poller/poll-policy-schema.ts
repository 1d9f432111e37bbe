import * as z from 'zod';

// milliseconds: finite and not negative; Infinity is not a delay
const delay = z.number().min(0).finite();
const factor = z.number().min(1).finite();

const backoff = z.strictObject({
  /** Exponential backoff (the default); fields without `kind` tune the client's policy. */
  kind: z.literal('backoff').optional(),
  /** Delay before the first poll, in ms (default 2000). */
  initialDelayMs: delay.optional(),
  /** Growth of the delay per poll, at least 1 (default 1.5). */
  factor: factor.optional(),
  /** Longest delay between polls, in ms (default 30000). */
  maxDelayMs: delay.optional(),
});

const fixed = z.strictObject({
  /** Polls at a fixed interval. */
  kind: z.literal('fixed'),
  /** The interval, in ms. */
  intervalMs: delay,
});

const adaptive = z
  .strictObject({
    /** Polls near the predicted end of the job (see `adaptivePolling`). */
    kind: z.literal('adaptive'),
    /** Delay before the first poll, and first step of the backoff used while there is no rate (default 2000). */
    initialDelayMs: delay.optional(),
    /** Growth of that backoff (default 1.5). */
    factor: factor.optional(),
    /** Cap of that backoff (default 30000). */
    backoffMaxDelayMs: delay.optional(),
    /** Shortest wait once the end is predicted, above 0 (default 1000): a zero would poll a late job in a tight loop. */
    minDelayMs: z.number().positive().finite().optional(),
    /** Longest wait once the end is predicted (default 60000). */
    maxDelayMs: delay.optional(),
    /** A predicted wait is at most this many times the previous one (default 2). */
    growth: factor.optional(),
  })
  .refine((p) => p.minDelayMs === undefined || p.maxDelayMs === undefined || p.maxDelayMs >= p.minDelayMs, {
    message: 'must not be below minDelayMs',
    path: ['maxDelayMs'],
  });

/**
 * The `pollPolicy` option: backoff fields (with or without `kind: 'backoff'`), a fixed interval,
 * or adaptive fields. Unknown keys are refused; every number is checked.
 */
export const pollPolicyInputSchema = z.discriminatedUnion('kind', [backoff, fixed, adaptive]);

/** What callers may pass as `pollPolicy`: any field left out takes its default. */
export type PollPolicyInput = z.input<typeof pollPolicyInputSchema>;
