import { ApiError, type ApiErrorDetails } from './api-error.js';
import { redactText } from './kinetic-error.js';

/**
 * Raised when a session cannot be obtained or is refused: a token endpoint error
 * (`invalid_grant`, `invalid_client_id`, ... with Salesforce's `error_description`),
 * a 401 `INVALID_SESSION_ID` that a refresh did not cure, or a flow with nothing to refresh with.
 */
export class AuthenticationError extends ApiError {
  override readonly name: string = 'AuthenticationError';
  /** OAuth `error` value from the token endpoint, when there was one. */
  readonly oauthError: string | undefined;

  constructor(message: string, details: ApiErrorDetails & { readonly oauthError?: string }) {
    super(message, { ...details, retryable: false });
    this.oauthError = details.oauthError === undefined ? undefined : redactText(details.oauthError, details.secrets);
  }
}
