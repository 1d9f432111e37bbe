import { defer, from, type Observable } from 'rxjs';
import { SecretSet } from '../errors/secret-set.js';
import { ValidationError } from '../errors/validation-error.js';
import type { Transport } from '../http/transport.js';
import type { Authenticator, Session } from './authenticator.js';

/**
 * Base for flows that obtain tokens from a token endpoint: caches the session and makes
 * refreshes single-flight, so many requests that meet an expired token wait on one request.
 * State lives in `#private` fields so `JSON.stringify` or `console.log` of an authenticator
 * never shows a token.
 */
export abstract class CachedAuthenticator implements Authenticator {
  abstract readonly flow: string;
  readonly canRefresh: boolean = true;
  /** What this authenticator knows that must never be printed: its credentials and tokens. */
  readonly secrets: SecretSet = new SecretSet();
  #current: Session | undefined;
  #pending: Promise<Session> | undefined;
  #requests = 0;
  #transport: Transport | undefined;

  /** @param transport the transport for token requests; when absent, `bindTransport` supplies it. */
  protected constructor(transport?: Transport) {
    this.#transport = transport;
  }

  /** How many token requests this authenticator has made (for diagnostics and tests). */
  get tokenRequests(): number {
    return this.#requests;
  }

  /** Fetches a fresh session from the token endpoint. */
  protected abstract authenticate(): Promise<Session>;

  /** Keeps an explicit or earlier transport; otherwise adopts this one. */
  bindTransport(transport: Transport): void {
    this.#transport ??= transport;
  }

  /** The transport for token requests; a `ValidationError` when nobody supplied one. */
  protected get transport(): Transport {
    if (!this.#transport) {
      throw new ValidationError(
        `Authenticator (${this.flow}) has no transport: pass \`transport\` in its options or use it through SalesforceClient`,
        [{ message: 'no transport', field: 'transport' }],
      );
    }
    return this.#transport;
  }

  session(): Observable<Session> {
    return defer(() => {
      if (this.#current) return from([this.#current]);
      return from(this.fetchOnce());
    });
  }

  invalidate(rejected: Session): void {
    // another caller may already have replaced the token: only drop the one that was refused
    if (this.#current && this.#current.accessToken === rejected.accessToken) {
      this.secrets.delete(this.#current.accessToken);
      this.#current = undefined;
    }
  }

  private fetchOnce(): Promise<Session> {
    if (!this.#pending) {
      this.#requests += 1;
      // `authenticate` may throw synchronously (missing transport): surface it as a rejection
      this.#pending = Promise.resolve()
        .then(() => this.authenticate())
        .then(
          (session) => {
            this.secrets.add(session.accessToken);
            this.#current = session;
            this.#pending = undefined;
            return session;
          },
          (error: unknown) => {
            this.#pending = undefined;
            throw error;
          },
        );
    }
    return this.#pending;
  }
}
