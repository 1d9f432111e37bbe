import { of, type Observable } from 'rxjs';
import { SecretSet } from '../errors/secret-set.js';
import type { Authenticator, Session } from './authenticator.js';
import { processEnv, requireEnv, type EnvSource, type FromEnvOptions } from './env.js';
import { normalizeUrl } from './login-url.js';
import { checkOptions } from './token-flow-options.js';

export { processEnv } from './env.js';

/** Options of {@link AccessTokenAuthenticator}. */
export interface AccessTokenOptions {
  /** The org's API host, e.g. `https://acme.my.salesforce.com`; https unless loopback. */
  readonly instanceUrl: string;
  /** The token (registered as a secret: never shown in errors or logs). */
  readonly accessToken: string;
  /** Allow a non-https, non-loopback instance URL (never do this in production). */
  readonly allowInsecure?: boolean;
}

/**
 * A bare access token (from an app's own OAuth flow, `sf org display`, ...). It cannot be
 * renewed: when the server refuses it, calls fail with an `AuthenticationError` that says so.
 */
export class AccessTokenAuthenticator implements Authenticator {
  readonly flow = 'access token';
  readonly canRefresh = false;
  /** The access token, for redaction. */
  readonly secrets: SecretSet = new SecretSet();
  readonly #current: Session;

  constructor(options: AccessTokenOptions) {
    checkOptions('access token', options, ['instanceUrl', 'accessToken'], ['accessToken'], this.secrets);
    const instanceUrl = normalizeUrl(options.instanceUrl, 'instanceUrl', options.allowInsecure ?? false);
    this.#current = { instanceUrl, accessToken: options.accessToken };
  }

  /** Reads `SF_INSTANCE_URL` and `SF_ACCESS_TOKEN`. */
  static fromEnv(
    env: EnvSource = processEnv(),
    options: Pick<FromEnvOptions, 'allowInsecure'> = {},
  ): AccessTokenAuthenticator {
    const vars = requireEnv(env, 'access token', ['SF_INSTANCE_URL', 'SF_ACCESS_TOKEN']);
    return new AccessTokenAuthenticator({
      instanceUrl: vars.SF_INSTANCE_URL,
      accessToken: vars.SF_ACCESS_TOKEN,
      ...(options.allowInsecure !== undefined ? { allowInsecure: options.allowInsecure } : {}),
    });
  }

  session(): Observable<Session> {
    return of(this.#current);
  }

  invalidate(): void {
    // nothing to renew with; the HTTP layer reports the 401 as an AuthenticationError
  }
}
