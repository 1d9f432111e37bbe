import * as z from 'zod/mini';

/** An OAuth token endpoint error: `{ error, error_description }`. */
export const oauthErrorSchema = z.looseObject({
  error: z.string(),
  error_description: z.optional(z.string()),
});
