import { ApiError, type SalesforceErrorItem } from './api-error.js';
import { AuthenticationError } from './authentication-error.js';
import { RateLimitError } from './rate-limit-error.js';
import { redactText } from './kinetic-error.js';
import type { SecretSet } from './secret-set.js';
import { ServerError } from './server-error.js';

/** The parts of a failed HTTP exchange the factory needs. */
export interface HttpFailure {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  /** The raw body text (may be empty, HTML, JSON of any shape). */
  readonly body: string;
  readonly method?: string;
  readonly url?: string;
}

/**
 * The one factory from an HTTP error response to the typed error tree: Salesforce error
 * arrays, OAuth `{error, error_description}` bodies, and non-JSON bodies (mapped to
 * `ERROR_HTTP_<status>` as jsforce does). The whole body is redacted (with the client's
 * `secrets` when given) before anything is taken from it or cut short.
 */
export function errorFromHttp(failure: HttpFailure, secrets?: SecretSet): ApiError {
  const redact = (text: string): string => redactText(text, secrets);
  const bodyText = redact(failure.body);
  const parsed = parseJson(bodyText);
  const items = salesforceItems(parsed);
  const oauth = oauthError(parsed);
  const first = items[0];
  const errorCode = first?.errorCode ?? oauth?.error ?? `ERROR_HTTP_${failure.status}`;
  const text = first?.message ?? oauth?.description ?? describeBody(bodyText, failure.status);
  const where = failure.method && failure.url ? ` (${failure.method} ${redact(stripQuery(failure.url))})` : '';
  const message = `${errorCode}: ${text}${items.length > 1 ? ` (+${items.length - 1} more)` : ''}${where}`;
  const details = {
    status: failure.status,
    errorCode,
    errors: items,
    method: failure.method,
    url: failure.url,
    body: parsed ?? bodyText.slice(0, 2048),
    secrets,
  };
  const retryAfterMs = parseRetryAfter(failure.headers?.['retry-after']);

  if (failure.status === 429 || errorCode === 'REQUEST_LIMIT_EXCEEDED') {
    return new RateLimitError(message, { ...details, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) });
  }
  if (failure.status === 401 || errorCode === 'INVALID_SESSION_ID' || oauth) {
    return new AuthenticationError(message, { ...details, ...(oauth ? { oauthError: oauth.error } : {}) });
  }
  if (failure.status >= 500 || failure.status === 420) {
    return new ServerError(message, { ...details, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) });
  }
  return new ApiError(message, details);
}

function parseJson(body: string): unknown {
  if (!body) return undefined;
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return undefined;
  }
}

/** Salesforce sends an array of `{errorCode, message}`; some proxies send a single object. */
function salesforceItems(value: unknown): SalesforceErrorItem[] {
  const list = Array.isArray(value) ? value : value && typeof value === 'object' ? [value] : [];
  const items: SalesforceErrorItem[] = [];
  for (const entry of list) {
    if (!entry || typeof entry !== 'object') continue;
    const { errorCode, message, fields } = entry as Record<string, unknown>;
    if (typeof errorCode !== 'string') continue;
    items.push({
      errorCode,
      message: typeof message === 'string' ? message : '',
      ...(Array.isArray(fields) ? { fields: fields.filter((f): f is string => typeof f === 'string') } : {}),
    });
  }
  return items;
}

function oauthError(value: unknown): { error: string; description: string } | undefined {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const { error, error_description: description } = value as Record<string, unknown>;
  if (typeof error !== 'string') return undefined;
  return { error, description: typeof description === 'string' ? description : error };
}

function describeBody(body: string, status: number): string {
  const text = body
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return text ? text.slice(0, 200) : `HTTP ${status} with an empty body`;
}

function stripQuery(url: string): string {
  const i = url.indexOf('?');
  return i >= 0 ? url.slice(0, i) : url;
}

/**
 * `Retry-After` as delay-seconds or an HTTP date, in milliseconds from `now`. A date in the past
 * gives 0; anything else (a negative or fractional number of seconds, garbage) gives undefined,
 * and the caller backs off as if no hint came. The retry policy raises a hint to its floor and
 * caps it at `maxDelayMs`, so a hostile value can neither spin nor stall the client.
 */
export function parseRetryAfter(value: string | undefined, now: number = Date.now()): number | undefined {
  if (!value) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  if (/^[+-]?[\d.eE+-]+$/.test(text)) return undefined;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
