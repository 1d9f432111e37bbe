import type { Observable } from 'rxjs';
import type { SecretSet } from '../errors/secret-set.js';
import type { Transport } from '../http/transport.js';

/** What every API call needs: where the org lives and a bearer token for it. */
export interface Session {
  /** The org's API host, e.g. `https://acme.my.salesforce.com` (`instance_url` of the token response). */
  readonly instanceUrl: string;
  /** The bearer token sent with every call. */
  readonly accessToken: string;
}

/**
 * The one authenticator interface every flow implements (JWT bearer, client credentials,
 * password, refresh token, access token).
 */
export interface Authenticator {
  /**
   * The current session: cached, authenticating on first use and after `invalidate`.
   * Concurrent callers share one token request (single flight).
   */
  session(): Observable<Session>;
  /**
   * Tells the authenticator that the server refused this session (401 `INVALID_SESSION_ID`).
   * The next `session()` fetches a new token, unless another caller already replaced it.
   */
  invalidate(rejected: Session): void;
  /** False for a bare access token: a refused session cannot be renewed. */
  readonly canRefresh: boolean;
  /** Short description of the flow for messages, e.g. `JWT bearer`. Never holds a secret. */
  readonly flow: string;
  /**
   * Offers the transport to use for token requests when none was given in the flow's
   * options. `SalesforceClient` calls this with its own transport, so an authenticator
   * built without one talks through the client's. An explicit `transport` option always
   * wins, and the first transport offered is kept. Flows without token requests omit it.
   */
  bindTransport?(transport: Transport): void;
  /**
   * The secrets this authenticator knows (its credentials, the tokens it obtained). The client
   * redacts its errors and logs with this set and adds the access tokens it sends to it; a
   * custom authenticator without one gets a fresh set from the client.
   */
  readonly secrets?: SecretSet;
}
