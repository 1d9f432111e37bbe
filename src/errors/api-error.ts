import { KineticError, redactText } from './kinetic-error.js';
import { redactValue } from './redact.js';
import type { SecretSet } from './secret-set.js';

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
  readonly status: number;
  readonly errorCode: string;
  readonly errors: readonly SalesforceErrorItem[];
  readonly method: string | undefined;
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
