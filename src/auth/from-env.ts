import { ValidationError } from '../errors/validation-error.js';
import { AccessTokenAuthenticator } from './access-token.js';
import type { Authenticator } from './authenticator.js';
import { ClientCredentialsAuthenticator } from './client-credentials.js';
import { envValue, processEnv, type EnvSource, type FromEnvOptions } from './env.js';
import { JwtAuthenticator } from './jwt-bearer.js';
import { PasswordAuthenticator } from './password.js';
import { RefreshTokenAuthenticator } from './refresh-token.js';

/**
 * Picks the authentication flow from the environment variables that are set, first match
 * wins:
 *
 * 1. `SF_ACCESS_TOKEN` → access token (needs `SF_INSTANCE_URL`);
 * 2. `SF_PRIVATE_KEY` or `SF_PRIVATE_KEY_FILE` → JWT bearer (needs `SF_CLIENT_ID`, `SF_USERNAME`);
 * 3. `SF_REFRESH_TOKEN` → refresh token (needs `SF_CLIENT_ID`);
 * 4. `SF_PASSWORD` → username-password (needs `SF_CLIENT_ID`, `SF_CLIENT_SECRET`, `SF_USERNAME`);
 * 5. `SF_CLIENT_SECRET` → client credentials (needs `SF_CLIENT_ID` and a My Domain in `SF_LOGIN_URL` or `SF_INSTANCE_URL`).
 *
 * The variable that selects a flow shows intent: when the rest of that flow is missing or
 * contradictory, this throws a `ValidationError` naming the variables, rather than falling
 * through to another flow. `SF_API_VERSION` is read by the client, not here.
 */
export function authenticatorFromEnv(env: EnvSource = processEnv(), options: FromEnvOptions = {}): Authenticator {
  const set = (name: string): boolean => envValue(env, name) !== undefined;
  if (set('SF_ACCESS_TOKEN')) return AccessTokenAuthenticator.fromEnv(env, options);
  if (set('SF_PRIVATE_KEY') || set('SF_PRIVATE_KEY_FILE')) return JwtAuthenticator.fromEnv(env, options);
  if (set('SF_REFRESH_TOKEN')) return RefreshTokenAuthenticator.fromEnv(env, options);
  if (set('SF_PASSWORD')) return PasswordAuthenticator.fromEnv(env, options);
  if (set('SF_CLIENT_SECRET')) return ClientCredentialsAuthenticator.fromEnv(env, options);
  throw new ValidationError(
    'No Salesforce credentials in the environment: set SF_ACCESS_TOKEN + SF_INSTANCE_URL, or SF_CLIENT_ID with SF_PRIVATE_KEY (JWT bearer), ' +
      'SF_REFRESH_TOKEN, SF_USERNAME + SF_PASSWORD + SF_CLIENT_SECRET, or SF_CLIENT_SECRET + a My Domain SF_LOGIN_URL (client credentials)',
    [{ message: 'no credentials', field: 'SF_CLIENT_ID' }],
  );
}
