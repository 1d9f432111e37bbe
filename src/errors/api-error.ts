import { KineticError } from './kinetic-error.js';

/** One entry of a Salesforce error body `[{ errorCode, message, fields? }]`. */
export interface SalesforceErrorItem {
  /** Salesforce's code, e.g. `INVALIDJOBSTATE`. */
  readonly errorCode: string;
  /** Salesforce's message. */
  readonly message: string;
  /** The fields the error is about, when Salesforce names them. */
  readonly fields?: readonly string[];
}

/** What an HTTP failure carried, for any {@link ApiError}. */
export interface ApiErrorDetails {
  /** The HTTP status. */
  readonly status: number;
  /** Salesforce's code, or `ERROR_HTTP_<status>` when the body had none. */
  readonly errorCode: string;
  /** Every entry of Salesforce's error body. */
  readonly errors?: readonly SalesforceErrorItem[];
  /** The request method. */
  readonly method?: string;
  /** The request URL. */
  readonly url?: string;
  /** The response body (redacted). */
  readonly body?: unknown;
  /** Whether retrying may succeed. Default: false. */
  readonly retryable?: boolean;
  /** What caused it, if anything. */
  readonly cause?: unknown;
}

/**
 * Raised when Salesforce answers a request with an HTTP error status (4xx/5xx) that no
 * more specific subclass covers: `NOT_FOUND`, `INVALIDJOBSTATE`, `MALFORMED_QUERY`, ...
 * `errorCode` is Salesforce's code, or `ERROR_HTTP_<status>` when the body had none.
 */
export class ApiError extends KineticError {
  override readonly name: string = 'ApiError';
  /** The HTTP status, e.g. `400`. */
  readonly status: number;
  /** Salesforce's code (`NOT_FOUND`, `INVALIDJOBSTATE`, ...), or `ERROR_HTTP_<status>` when the body had none. */
  readonly errorCode: string;
  /** Every entry of Salesforce's error body, in order. */
  readonly errors: readonly SalesforceErrorItem[];
  /** The method of the request that failed. */
  readonly method: string | undefined;
  /** The URL of the request that failed. */
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
