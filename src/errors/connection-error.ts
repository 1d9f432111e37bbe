import { KineticError, redactText } from './kinetic-error.js';
import type { SecretSet } from './secret-set.js';

/**
 * Raised when no HTTP response arrived: DNS failure, refused or reset connection, socket
 * timeout. `requestSent` says whether the request may have reached the server, which
 * decides whether a non-idempotent call (job creation) can be retried blindly.
 */
export class ConnectionError extends KineticError {
  override readonly name: string = 'ConnectionError';
  /** The system error code, e.g. `ECONNRESET`, `ECONNREFUSED`, `ETIMEDOUT`. */
  readonly code: string | undefined;
  /** The method of the request that got no answer. */
  readonly method: string | undefined;
  /** The URL of the request that got no answer. */
  readonly url: string | undefined;
  /** `false` when the request certainly never reached the server (refused, DNS). */
  readonly requestSent: boolean;
  /** Always true: a request without an answer may succeed on a retry (when it is safe to resend). */
  readonly retryable = true;

  constructor(
    message: string,
    details: {
      code?: string;
      method?: string;
      url?: string;
      requestSent: boolean;
      cause?: unknown;
      secrets?: SecretSet | undefined;
    },
  ) {
    super(message, { cause: details.cause, secrets: details.secrets });
    this.code = details.code;
    this.method = details.method;
    this.url = details.url === undefined ? undefined : redactText(details.url, details.secrets);
    this.requestSent = details.requestSent;
  }
}
