import * as z from 'zod/mini';

/**
 * The `retryPolicy` option (client, ingest and query options): any subset of
 * `RetryPolicy`, unknown keys refused, every number checked.
 */
export const retryPolicyInputSchema = z.strictObject({
  maxRetries: z.optional(z.int().check(z.minimum(0), z.maximum(100))),
  initialDelayMs: z.optional(z.number().check(z.minimum(0))),
  factor: z.optional(z.number().check(z.minimum(1))),
  maxDelayMs: z.optional(z.number().check(z.minimum(0))),
  jitter: z.optional(z.number().check(z.minimum(0), z.maximum(1))),
});
