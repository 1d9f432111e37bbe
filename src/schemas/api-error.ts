import { z } from 'zod';

/** One Salesforce REST error: `{ errorCode, message, fields? }` in any key order. */
export const apiErrorItemSchema = z.looseObject({
  errorCode: z.string(),
  message: z.string().optional().default(''),
  fields: z.array(z.string()).optional(),
});

/** A Salesforce error body: an array of error items (some proxies send a single object). */
export const apiErrorBodySchema = z.union([
  z.array(apiErrorItemSchema),
  apiErrorItemSchema.transform((item) => [item]),
]);

/** An OAuth token endpoint error: `{ error, error_description }`. */
export const oauthErrorSchema = z.looseObject({
  error: z.string(),
  error_description: z.string().optional(),
});
