import { ApiError, type ApiErrorDetails } from './api-error.js';

/**
 * Raised on HTTP 429 or `REQUEST_LIMIT_EXCEEDED` (the org's API allocation is spent or
 * requests are throttled). Retryable; `retryAfterMs` comes from `Retry-After` when sent.
 */
export class RateLimitError extends ApiError {
  override readonly name: string = 'RateLimitError';
  /** How long the server asked to wait (`Retry-After`), when it said. */
  readonly retryAfterMs: number | undefined;

  constructor(message: string, details: ApiErrorDetails & { readonly retryAfterMs?: number }) {
    super(message, { ...details, retryable: true });
    this.retryAfterMs = details.retryAfterMs;
  }
}
