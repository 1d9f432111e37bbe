import { KineticError } from './kinetic-error.js';

/** One entry of a Salesforce error body `[{ errorCode, message, fields? }]`. */
export interface SalesforceErrorItem {
  readonly errorCode: string;
  readonly message: string;
  readonly fields?: readonly string[];
}

/** What an HTTP failure carried, for any {@link ApiError}. */
export interface ApiErrorDetails {
  readonly status: number;
  readonly errorCode: string;
  readonly errors?: readonly SalesforceErrorItem[];
  readonly method?: string;
  readonly url?: string;
  readonly body?: unknown;
  readonly retryable?: boolean;
  readonly cause?: unknown;
}

/**
 * Raised when Salesforce answers a request with an HTTP error status (4xx/5xx) that no
 * more specific subclass covers: `NOT_FOUND`, `INVALIDJOBSTATE`, `MALFORMED_QUERY`, ...
 * `errorCode` is Salesforce's code, or `ERROR_HTTP_<status>` when the body had none.
 */
export class ApiError extends KineticError {
  override readonly name: string = 'ApiError';
  readonly status: number;
  readonly errorCode: string;
  readonly errors: readonly SalesforceErrorItem[];
  readonly method: string | undefined;
  readonly url: string | undefined;
  /** The raw response body (redacted), for diagnosis. */
  readonly body: unknown;
  /** Whether retrying the same request may succeed (5xx, 429, rate limits). */
  readonly retryable: boolean;

  constructor(message: string, details: ApiErrorDetails) {
    super(message, { cause: details.cause });
    this.status = details.status;
    this.errorCode = details.errorCode;
    this.errors = details.errors ?? [];
    this.method = details.method;
    this.url = details.url;
    this.body = details.body;
    this.retryable = details.retryable ?? false;
  }
}
