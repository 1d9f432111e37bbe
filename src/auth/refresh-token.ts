import type { Session } from './authenticator.js';
import { CachedAuthenticator } from './cached-authenticator.js';
import { envValue, processEnv, requireEnv, sharedOptions, type EnvSource, type FromEnvOptions } from './env.js';
import { DEFAULT_LOGIN_URL, normalizeUrl } from './login-url.js';
import { checkOptions, type TokenFlowOptions } from './token-flow-options.js';
import { requestToken, sessionFrom } from './token-endpoint.js';

/** Options of {@link RefreshTokenAuthenticator}. */
export interface RefreshTokenOptions extends TokenFlowOptions {
  /** The connected app's consumer key. */
  readonly clientId: string;
  /** Required when the connected app demands it. */
  readonly clientSecret?: string;
  /** The refresh token (a secret: never shown in errors or logs). */
  readonly refreshToken: string;
  /**
   * Called with the new refresh token when the org rotates it (the old one stops working),
   * so the application can persist it for its next start. Should not throw: an exception
   * fails the pending `session()` call (the new token is kept for the next attempt).
   */
  readonly onRefreshTokenRotated?: (refreshToken: string) => void;
}

/**
 * OAuth 2.0 refresh token flow: a refresh token obtained once (web-server flow,
 * `sf org login web`, ...) buys access tokens for as long as it stays valid. With
 * refresh-token rotation the answer carries a new refresh token; it replaces the old one
 * for the next refresh and is registered as a secret.
 */
export class RefreshTokenAuthenticator extends CachedAuthenticator {
  readonly flow = 'refresh token';
  /** Where tokens are requested (normalised, no trailing slash). */
  readonly loginUrl: string;
  readonly #clientId: string;
  readonly #clientSecret: string | undefined;
  readonly #allowInsecure: boolean;
  readonly #onRotated: ((refreshToken: string) => void) | undefined;
  #refreshToken: string;

  constructor(options: RefreshTokenOptions) {
    super(options.transport);
    checkOptions(
      'refresh token',
      options,
      ['clientId', 'refreshToken'],
      ['refreshToken', 'clientSecret'],
      this.secrets,
    );
    this.#allowInsecure = options.allowInsecure ?? false;
    this.loginUrl = normalizeUrl(options.loginUrl ?? DEFAULT_LOGIN_URL, 'loginUrl', this.#allowInsecure);
    this.#clientId = options.clientId;
    this.#clientSecret = options.clientSecret || undefined;
    this.#refreshToken = options.refreshToken;
    this.#onRotated = options.onRefreshTokenRotated;
  }

  /**
   * Reads `SF_CLIENT_ID`, `SF_REFRESH_TOKEN`, optional `SF_CLIENT_SECRET`, and
   * `SF_LOGIN_URL` (default `https://login.salesforce.com`).
   */
  static fromEnv(env: EnvSource = processEnv(), options: FromEnvOptions = {}): RefreshTokenAuthenticator {
    const vars = requireEnv(env, 'refresh token', ['SF_CLIENT_ID', 'SF_REFRESH_TOKEN']);
    const clientSecret = envValue(env, 'SF_CLIENT_SECRET');
    return new RefreshTokenAuthenticator({
      clientId: vars.SF_CLIENT_ID,
      refreshToken: vars.SF_REFRESH_TOKEN,
      ...(clientSecret ? { clientSecret } : {}),
      loginUrl: envValue(env, 'SF_LOGIN_URL') ?? DEFAULT_LOGIN_URL,
      ...sharedOptions(options),
    });
  }

  protected async authenticate(): Promise<Session> {
    const token = await requestToken(this.transport, {
      flow: this.flow,
      loginUrl: this.loginUrl,
      form: {
        grant_type: 'refresh_token',
        refresh_token: this.#refreshToken,
        client_id: this.#clientId,
        ...(this.#clientSecret ? { client_secret: this.#clientSecret } : {}),
      },
      allowInsecure: this.#allowInsecure,
      secrets: this.secrets,
    });
    const rotated = token.refresh_token;
    if (rotated && rotated !== this.#refreshToken) {
      this.secrets.add(rotated);
      this.#refreshToken = rotated;
      this.#onRotated?.(rotated);
    }
    return sessionFrom(token);
  }
}
