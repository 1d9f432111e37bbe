import * as z from 'zod';

/** An OAuth token endpoint error: `{ error, error_description }`. */
export const oauthErrorSchema = z.looseObject({
  error: z.string(),
  error_description: z.string().optional(),
});
