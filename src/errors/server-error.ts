import { ApiError, type ApiErrorDetails } from './api-error.js';

/** Raised on HTTP 5xx (and 420 from Salesforce Edge): the service failed, retrying may help. */
export class ServerError extends ApiError {
  override readonly name: string = 'ServerError';
  /** How long the server asked to wait (`Retry-After`), when it said. */
  readonly retryAfterMs: number | undefined;

  constructor(message: string, details: ApiErrorDetails & { readonly retryAfterMs?: number }) {
    super(message, { ...details, retryable: true });
    this.retryAfterMs = details.retryAfterMs;
  }
}
