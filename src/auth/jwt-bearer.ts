import { ValidationError } from '../errors/validation-error.js';
import type { Session } from './authenticator.js';
import { CachedAuthenticator } from './cached-authenticator.js';
import { envValue, processEnv, requireEnv, sharedOptions, type EnvSource, type FromEnvOptions } from './env.js';
import { importSigningKey, jwtAudience, signJwt } from './jwt-assertion.js';
import { DEFAULT_LOGIN_URL, normalizeUrl } from './login-url.js';
import { privateKeyFromEnv } from './private-key-file.js';
import { normalizePem, pemToPkcs8 } from './private-key.js';
import { checkOptions, type TokenFlowOptions } from './token-flow-options.js';
import { requestToken, sessionFrom } from './token-endpoint.js';

/** Options of {@link JwtAuthenticator}. */
export interface JwtOptions extends TokenFlowOptions {
  /** Consumer key of the connected app (the `iss` claim). */
  readonly clientId: string;
  /** Salesforce username (the `sub` claim). */
  readonly username: string;
  /** Unencrypted RSA private key, PEM: PKCS#8 (`BEGIN PRIVATE KEY`) or PKCS#1 (`BEGIN RSA PRIVATE KEY`). */
  readonly privateKey: string;
  /** The `aud` claim; by default derived from `loginUrl` (see `jwtAudience`). */
  readonly audience?: string;
  /** Assertion lifetime in seconds (the `exp` claim); Salesforce wants at most 3 minutes. Default 180. */
  readonly expiresInSeconds?: number;
}

/**
 * OAuth 2.0 JWT bearer flow (server to server): signs a short-lived RS256 assertion with
 * WebCrypto and trades it for an access token. Every refresh signs a new assertion, so
 * this flow can always renew its session.
 *
 * @example
 * const auth = new JwtAuthenticator({ clientId, username: 'ci@acme.com', privateKey: pem });
 */
export class JwtAuthenticator extends CachedAuthenticator {
  readonly flow = 'JWT bearer';
  /** Where tokens are requested (normalised, no trailing slash). */
  readonly loginUrl: string;
  /** The `aud` claim the assertions carry. */
  readonly audience: string;
  /** Lifetime of each assertion, in seconds. */
  readonly expiresInSeconds: number;
  readonly #clientId: string;
  readonly #username: string;
  readonly #pkcs8: Uint8Array<ArrayBuffer>;
  readonly #allowInsecure: boolean;
  #key: Promise<CryptoKey> | undefined;

  constructor(options: JwtOptions) {
    super(options.transport);
    if (typeof options.privateKey === 'string') this.secrets.add(normalizePem(options.privateKey));
    checkOptions('JWT bearer', options, ['clientId', 'username', 'privateKey'], ['privateKey'], this.secrets);
    this.#allowInsecure = options.allowInsecure ?? false;
    this.loginUrl = normalizeUrl(options.loginUrl ?? DEFAULT_LOGIN_URL, 'loginUrl', this.#allowInsecure);
    this.audience = jwtAudience(this.loginUrl, options.audience);
    this.expiresInSeconds = options.expiresInSeconds ?? 180;
    if (!Number.isInteger(this.expiresInSeconds) || this.expiresInSeconds <= 0) {
      throw new ValidationError('expiresInSeconds must be a positive whole number of seconds', [
        { message: 'not a positive integer', field: 'expiresInSeconds' },
      ]);
    }
    this.#clientId = options.clientId;
    this.#username = options.username;
    this.#pkcs8 = pemToPkcs8(options.privateKey);
  }

  /**
   * Reads `SF_CLIENT_ID`, `SF_USERNAME`, `SF_PRIVATE_KEY` or `SF_PRIVATE_KEY_FILE`, and
   * `SF_LOGIN_URL` (default `https://login.salesforce.com`).
   */
  static fromEnv(env: EnvSource = processEnv(), options: FromEnvOptions = {}): JwtAuthenticator {
    const privateKey = privateKeyFromEnv(env, options.readFile);
    const vars = requireEnv(
      env,
      'JWT bearer',
      ['SF_CLIENT_ID', 'SF_USERNAME'],
      privateKey === undefined ? ['SF_PRIVATE_KEY (or SF_PRIVATE_KEY_FILE)'] : [],
    );
    return new JwtAuthenticator({
      clientId: vars.SF_CLIENT_ID,
      username: vars.SF_USERNAME,
      privateKey: privateKey ?? '',
      loginUrl: envValue(env, 'SF_LOGIN_URL') ?? DEFAULT_LOGIN_URL,
      ...sharedOptions(options),
    });
  }

  /** Signs a fresh assertion (the key is imported once) and posts it to the token endpoint. */
  protected async authenticate(): Promise<Session> {
    const transport = this.transport;
    this.#key ??= importSigningKey(this.#pkcs8);
    const key = await this.#key.catch((error: unknown) => {
      this.#key = undefined;
      throw error;
    });
    const assertion = await signJwt(key, {
      iss: this.#clientId,
      sub: this.#username,
      aud: this.audience,
      exp: Math.floor(Date.now() / 1000) + this.expiresInSeconds,
    });
    // a signed assertion is a bearer credential until it expires
    this.secrets.add(assertion);
    try {
      const token = await requestToken(transport, {
        flow: this.flow,
        loginUrl: this.loginUrl,
        form: { grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion },
        allowInsecure: this.#allowInsecure,
        secrets: this.secrets,
      });
      return sessionFrom(token);
    } finally {
      this.secrets.delete(assertion);
    }
  }
}
