import type { Session } from './authenticator.js';
import { CachedAuthenticator } from './cached-authenticator.js';
import { envValue, processEnv, requireEnv, sharedOptions, type EnvSource, type FromEnvOptions } from './env.js';
import { DEFAULT_LOGIN_URL, normalizeUrl } from './login-url.js';
import { checkOptions, type TokenFlowOptions } from './token-flow-options.js';
import { requestToken, sessionFrom } from './token-endpoint.js';

/** Options of {@link PasswordAuthenticator}. */
export interface PasswordOptions extends TokenFlowOptions {
  /** The connected app's consumer key. */
  readonly clientId: string;
  /** The connected app's consumer secret. */
  readonly clientSecret: string;
  /** The Salesforce username. */
  readonly username: string;
  /** The user's password (a secret: never shown in errors or logs). */
  readonly password: string;
  /** The user's security token, appended to the password when the org requires it. */
  readonly securityToken?: string;
}

/**
 * OAuth 2.0 username-password flow. Salesforce is retiring it in favour of client
 * credentials; prefer JWT bearer or client credentials for new integrations. The
 * password is re-sent on every refresh, so it is held in a private field for the
 * authenticator's lifetime.
 */
export class PasswordAuthenticator extends CachedAuthenticator {
  readonly flow = 'username-password';
  /** Where tokens are requested (normalised, no trailing slash). */
  readonly loginUrl: string;
  readonly #form: Readonly<Record<string, string>>;
  readonly #allowInsecure: boolean;

  constructor(options: PasswordOptions) {
    super(options.transport);
    checkOptions(
      'username-password',
      options,
      ['clientId', 'clientSecret', 'username', 'password'],
      ['clientSecret', 'password', 'securityToken'],
      this.secrets,
    );
    this.#allowInsecure = options.allowInsecure ?? false;
    this.loginUrl = normalizeUrl(options.loginUrl ?? DEFAULT_LOGIN_URL, 'loginUrl', this.#allowInsecure);
    this.#form = {
      grant_type: 'password',
      client_id: options.clientId,
      client_secret: options.clientSecret,
      username: options.username,
      password: options.password + (options.securityToken ?? ''),
    };
    // what is sent is the password and the token joined: a single value an echo may show
    this.secrets.add(this.#form.password);
  }

  /**
   * Reads `SF_CLIENT_ID`, `SF_CLIENT_SECRET`, `SF_USERNAME`, `SF_PASSWORD`, optional
   * `SF_SECURITY_TOKEN`, and `SF_LOGIN_URL` (default `https://login.salesforce.com`).
   */
  static fromEnv(env: EnvSource = processEnv(), options: FromEnvOptions = {}): PasswordAuthenticator {
    const vars = requireEnv(env, 'username-password', [
      'SF_CLIENT_ID',
      'SF_CLIENT_SECRET',
      'SF_USERNAME',
      'SF_PASSWORD',
    ]);
    const securityToken = envValue(env, 'SF_SECURITY_TOKEN');
    return new PasswordAuthenticator({
      clientId: vars.SF_CLIENT_ID,
      clientSecret: vars.SF_CLIENT_SECRET,
      username: vars.SF_USERNAME,
      password: vars.SF_PASSWORD,
      ...(securityToken ? { securityToken } : {}),
      loginUrl: envValue(env, 'SF_LOGIN_URL') ?? DEFAULT_LOGIN_URL,
      ...sharedOptions(options),
    });
  }

  protected async authenticate(): Promise<Session> {
    const token = await requestToken(this.transport, {
      flow: this.flow,
      loginUrl: this.loginUrl,
      form: this.#form,
      allowInsecure: this.#allowInsecure,
      secrets: this.secrets,
    });
    return sessionFrom(token);
  }
}
