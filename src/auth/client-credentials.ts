import { ValidationError } from '../errors/validation-error.js';
import type { Session } from './authenticator.js';
import { CachedAuthenticator } from './cached-authenticator.js';
import { envValue, processEnv, requireEnv, sharedOptions, type EnvSource, type FromEnvOptions } from './env.js';
import { hostOf, normalizeUrl } from './login-url.js';
import { checkOptions, type TokenFlowOptions } from './token-flow-options.js';
import { requestToken, sessionFrom } from './token-endpoint.js';

/** Options of {@link ClientCredentialsAuthenticator}. */
export interface ClientCredentialsOptions extends TokenFlowOptions {
  /** The org's My Domain URL, e.g. `https://acme.my.salesforce.com` (required for this flow). */
  readonly loginUrl: string;
  /** The connected app's consumer key. */
  readonly clientId: string;
  /** The connected app's consumer secret (a secret: never shown in errors or logs). */
  readonly clientSecret: string;
}

/** Generic login hosts cannot resolve the org, so this flow refuses them. */
const GENERIC_LOGIN_HOSTS = new Set(['login.salesforce.com', 'test.salesforce.com']);

/**
 * OAuth 2.0 client credentials flow: the connected app's consumer key and secret buy a
 * session for the app's configured run-as user. Salesforce only serves it on the org's
 * My Domain, so `login.salesforce.com` and `test.salesforce.com` are refused up front.
 */
export class ClientCredentialsAuthenticator extends CachedAuthenticator {
  readonly flow = 'client credentials';
  /** Where tokens are requested (normalised, no trailing slash). */
  readonly loginUrl: string;
  readonly #clientId: string;
  readonly #clientSecret: string;
  readonly #allowInsecure: boolean;

  constructor(options: ClientCredentialsOptions) {
    super(options.transport);
    checkOptions(
      'client credentials',
      options,
      ['loginUrl', 'clientId', 'clientSecret'],
      ['clientSecret'],
      this.secrets,
    );
    this.#allowInsecure = options.allowInsecure ?? false;
    this.loginUrl = normalizeUrl(options.loginUrl, 'loginUrl', this.#allowInsecure);
    if (GENERIC_LOGIN_HOSTS.has(hostOf(this.loginUrl))) {
      throw new ValidationError(
        `Client credentials authentication must use the org's My Domain URL (https://<MyDomain>.my.salesforce.com), not ${hostOf(this.loginUrl)}`,
        [{ message: 'generic login host', field: 'loginUrl' }],
      );
    }
    this.#clientId = options.clientId;
    this.#clientSecret = options.clientSecret;
  }

  /**
   * Reads `SF_CLIENT_ID`, `SF_CLIENT_SECRET` and the My Domain URL from `SF_LOGIN_URL`,
   * or from `SF_INSTANCE_URL` when `SF_LOGIN_URL` is unset.
   */
  static fromEnv(env: EnvSource = processEnv(), options: FromEnvOptions = {}): ClientCredentialsAuthenticator {
    const loginUrl = envValue(env, 'SF_LOGIN_URL') ?? envValue(env, 'SF_INSTANCE_URL');
    const vars = requireEnv(
      env,
      'client credentials',
      ['SF_CLIENT_ID', 'SF_CLIENT_SECRET'],
      loginUrl ? [] : ['SF_LOGIN_URL (the My Domain URL; or SF_INSTANCE_URL)'],
    );
    return new ClientCredentialsAuthenticator({
      loginUrl: loginUrl ?? '',
      clientId: vars.SF_CLIENT_ID,
      clientSecret: vars.SF_CLIENT_SECRET,
      ...sharedOptions(options),
    });
  }

  protected async authenticate(): Promise<Session> {
    const token = await requestToken(this.transport, {
      flow: this.flow,
      loginUrl: this.loginUrl,
      form: { grant_type: 'client_credentials', client_id: this.#clientId, client_secret: this.#clientSecret },
      allowInsecure: this.#allowInsecure,
      secrets: this.secrets,
    });
    return sessionFrom(token);
  }
}
