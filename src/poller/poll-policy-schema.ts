import * as z from 'zod/mini';

// milliseconds: finite (z.number() refuses Infinity) and not negative
const delay = z.number().check(z.minimum(0));
const factor = z.number().check(z.minimum(1));

const backoff = z.strictObject({
  /** Exponential backoff (the default); fields without `kind` tune the client's policy. */
  kind: z.optional(z.literal('backoff')),
  /** Delay before the first poll, in ms (default 2000). */
  initialDelayMs: z.optional(delay),
  /** Growth of the delay per poll, at least 1 (default 1.5). */
  factor: z.optional(factor),
  /** Longest delay between polls, in ms (default 30000). */
  maxDelayMs: z.optional(delay),
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
    initialDelayMs: z.optional(delay),
    /** Growth of that backoff (default 1.5). */
    factor: z.optional(factor),
    /** Cap of that backoff (default 30000). */
    backoffMaxDelayMs: z.optional(delay),
    /** Shortest wait once the end is predicted, above 0 (default 1000): a zero would poll a late job in a tight loop. */
    minDelayMs: z.optional(z.number().check(z.positive())),
    /** Longest wait once the end is predicted (default 60000). */
    maxDelayMs: z.optional(delay),
    /** A predicted wait is at most this many times the previous one (default 2). */
    growth: z.optional(factor),
  })
  .check(
    z.refine((p) => p.minDelayMs === undefined || p.maxDelayMs === undefined || p.maxDelayMs >= p.minDelayMs, {
      message: 'must not be below minDelayMs',
      path: ['maxDelayMs'],
    }),
  );

/**
 * The `pollPolicy` option: backoff fields (with or without `kind: 'backoff'`), a fixed interval,
 * or adaptive fields. Unknown keys are refused; every number is checked.
 */
export const pollPolicyInputSchema = z.discriminatedUnion('kind', [backoff, fixed, adaptive]);

/** What callers may pass as `pollPolicy`: any field left out takes its default. */
export type PollPolicyInput = z.input<typeof pollPolicyInputSchema>;
