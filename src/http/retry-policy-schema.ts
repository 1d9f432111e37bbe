import { z } from 'zod';

/**
 * The `retryPolicy` option (client, ingest and query options): any subset of
 * `RetryPolicy`, unknown keys refused, every number checked.
 */
export const retryPolicyInputSchema = z.strictObject({
  maxRetries: z.number().int().min(0).max(100).optional(),
  initialDelayMs: z.number().min(0).finite().optional(),
  factor: z.number().min(1).finite().optional(),
  maxDelayMs: z.number().min(0).finite().optional(),
  jitter: z.number().min(0).max(1).optional(),
});
