import { KineticError, redactText } from './kinetic-error.js';
import { redactValue } from './redact.js';
import type { SecretSet } from './secret-set.js';

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
  /** The client's secrets: `body`, `errors`, `url` and the message are stored redacted with them. */
  readonly secrets?: SecretSet | undefined;
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
  /** The response body (a redacted copy), for diagnosis. */
  readonly body: unknown;
  /** Whether retrying the same request may succeed (5xx, 429, rate limits). */
  readonly retryable: boolean;

  constructor(message: string, details: ApiErrorDetails) {
    super(message, { cause: details.cause, secrets: details.secrets });
    const text = (value: string): string => redactText(value, details.secrets);
    this.status = details.status;
    this.errorCode = text(details.errorCode);
    this.errors = (details.errors ?? []).map((item) => ({
      errorCode: text(item.errorCode),
      message: text(item.message),
      ...(item.fields ? { fields: item.fields.map(text) } : {}),
    }));
    this.method = details.method;
    this.url = details.url === undefined ? undefined : text(details.url);
    this.body = details.secrets ? details.secrets.redactValue(details.body) : redactValue(details.body);
    this.retryable = details.retryable ?? false;
  }
}
