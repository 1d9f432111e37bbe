import { AuthenticationError } from '../errors/authentication-error.js';
import type { ApiError } from '../errors/api-error.js';
import { errorFromHttp } from '../errors/error-from-http.js';
import { redactText } from '../errors/kinetic-error.js';
import type { SecretSet } from '../errors/secret-set.js';
import { oauthErrorSchema } from '../schemas/api-error.js';
import { checkSchema } from '../schemas/check-schema.js';

/** What a failed token request answered. */
export interface TokenFailure {
  readonly flow: string;
  readonly url: string;
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  /** The authenticator's secrets: the body is redacted with them before anything is read from it. */
  readonly secrets?: SecretSet | undefined;
}

/** Known `error_description` values and what usually fixes them (protocol §8.3). */
const HINTS: readonly (readonly [RegExp, string])[] = [
  [
    /audience is invalid/i,
    'check the JWT audience: sandboxes need https://test.salesforce.com (use a sandbox login URL or the `audience` option)',
  ],
  [
    /hasn't approved this consumer/i,
    'pre-authorise the user for the connected app (admin-approved users, profile or permission set)',
  ],
  [/expired authorization code/i, 'an assertion that expired on arrival points to a wrong system clock'],
  [/client identifier invalid/i, 'check the consumer key (client id) and that the connected app exists in this org'],
];

/**
 * Maps a non-2xx token endpoint answer to an error. An OAuth body
 * (`{error, error_description}`) on a 4xx becomes an `AuthenticationError` whose message
 * holds Salesforce's description and whose `oauthError` holds the code; other 4xx answers
 * are authentication failures too; 5xx and rate limits keep their retryable types.
 */
export function tokenError(failure: TokenFailure): ApiError {
  const { flow, url, status, headers, secrets } = failure;
  const body = redactText(failure.body, secrets);
  const generic = errorFromHttp({ status, headers, body, method: 'POST', url }, secrets);
  if (status >= 500 || status === 429 || status === 420) return generic;

  const parsed = parseJson(body);
  const oauth = checkSchema(oauthErrorSchema, parsed);
  if (oauth.success) {
    const { error, error_description: description } = oauth.data;
    const hint = HINTS.find(([pattern]) => pattern.test(description ?? ''))?.[1];
    return new AuthenticationError(
      `Authentication failed (${flow}): ${description ?? error} [${error}]${hint ? `; ${hint}` : ''}`,
      { status, errorCode: error, oauthError: error, method: 'POST', url, body: parsed, secrets },
    );
  }
  return new AuthenticationError(`Authentication failed (${flow}): ${generic.message}`, {
    status,
    errorCode: generic.errorCode,
    errors: generic.errors,
    method: 'POST',
    url,
    body: generic.body,
    secrets,
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
