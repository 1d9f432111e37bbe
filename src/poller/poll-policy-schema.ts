import * as z from 'zod';

// milliseconds: finite and not negative; Infinity is not a delay
const delay = z.number().min(0).finite();
const factor = z.number().min(1).finite();

const backoff = z.strictObject({
  kind: z.literal('backoff').optional(),
  initialDelayMs: delay.optional(),
  factor: factor.optional(),
  maxDelayMs: delay.optional(),
});

const fixed = z.strictObject({ kind: z.literal('fixed'), intervalMs: delay });

const adaptive = z
  .strictObject({
    kind: z.literal('adaptive'),
    initialDelayMs: delay.optional(),
    factor: factor.optional(),
    backoffMaxDelayMs: delay.optional(),
    // a zero minimum would let a job late on its prediction be polled in a tight loop
    minDelayMs: z.number().positive().finite().optional(),
    maxDelayMs: delay.optional(),
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
