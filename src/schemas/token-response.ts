import * as z from 'zod/mini';

const optionalString = z.pipe(
  z.nullish(z.string()),
  z.transform((v) => v ?? undefined),
);

/**
 * A successful OAuth token response (`POST /services/oauth2/token`, protocol §8.2).
 * Narrow: only `access_token` and `instance_url` are required, because that is all a
 * session needs. Tolerant: `issued_at` may arrive as a number, and unknown keys
 * (`id_token`, `api_instance_url`, `sfdc_community_url`, ...) pass through untouched.
 */
export const tokenResponseSchema = z.looseObject({
  access_token: z.string().check(z.minLength(1)),
  instance_url: z.string().check(z.minLength(1)),
  /** Identity URL `https://login.salesforce.com/id/<orgId>/<userId>`. */
  id: optionalString,
  token_type: optionalString,
  /** Epoch milliseconds as a string. */
  issued_at: z.pipe(
    z.nullish(z.union([z.string(), z.pipe(z.number(), z.transform(String))])),
    z.transform((v) => v ?? undefined),
  ),
  signature: optionalString,
  scope: optionalString,
  /** Only from the refresh-token flow with rotation (and browser flows). */
  refresh_token: optionalString,
});

export type TokenResponse = z.output<typeof tokenResponseSchema>;
