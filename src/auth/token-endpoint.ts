import { asyncScheduler, EmptyError, lastValueFrom, type SchedulerLike } from 'rxjs';
import { ConnectionError } from '../errors/connection-error.js';
import { KineticError } from '../errors/kinetic-error.js';
import { redactError } from '../errors/redact-error.js';
import { ResponseValidationError } from '../errors/response-validation-error.js';
import type { SecretSet } from '../errors/secret-set.js';
import { isLimitedTransport, limitedTransport } from '../http/limited-transport.js';
import { DEFAULT_REQUEST_LIMITS } from '../http/request-limits.js';
import type { ByteStream, HttpResponse, Transport } from '../http/transport.js';
import { parseJsonText, parseWith } from '../schemas/parse-with.js';
import { tokenResponseSchema, type TokenResponse } from '../schemas/token-response.js';
import type { Session } from './authenticator.js';
import { tokenEndpoint } from './login-url.js';
import { checkSecureUrl } from './secure-url.js';
import { tokenError } from './token-error.js';

/** One request to `POST {loginUrl}/services/oauth2/token`. */
export interface TokenRequest {
  /** Flow name for messages, e.g. `JWT bearer`. */
  readonly flow: string;
  /** A checked, normalised login URL (no trailing slash). */
  readonly loginUrl: string;
  /** Form fields, sent `application/x-www-form-urlencoded` in this order. */
  readonly form: Readonly<Record<string, string>>;
  /** Whether a plain-http `instance_url` in the answer is acceptable. */
  readonly allowInsecure: boolean;
  /** The authenticator's secrets: the tokens of the answer join them, and every error is redacted with them. */
  readonly secrets: SecretSet;
  /** Where the timeouts of a transport without limits run (default: the async scheduler). */
  readonly scheduler?: SchedulerLike;
}

/**
 * Sends a token request and returns the parsed success body. Every token in the answer is
 * registered as a secret before anything else looks at it. The request is bounded like any
 * other: the client's transport carries the client's `requestLimits`; a transport given to the
 * flow directly gets the default limits (60 s idle timeout, 4 MiB body). Failures:
 * `AuthenticationError` (OAuth error body, other 4xx), `ServerError`/`RateLimitError` (5xx,
 * 429), `ResponseValidationError` (non-JSON or wrong-shape body, an `instance_url` that is not
 * https or carries `user:password@`, a body over the size cap), `ConnectionError` (no answer,
 * or `RequestTimeoutError` for a stall).
 */
export async function requestToken(transport: Transport, request: TokenRequest): Promise<TokenResponse> {
  const { secrets } = request;
  const url = tokenEndpoint(request.loginUrl);
  const bounded = isLimitedTransport(transport)
    ? transport
    : limitedTransport(transport, DEFAULT_REQUEST_LIMITS, { scheduler: request.scheduler ?? asyncScheduler });
  const response = await send(bounded, url, request.form, secrets);
  const text = await bodyText(response.body);
  if (response.status < 200 || response.status >= 300) {
    throw tokenError({
      flow: request.flow,
      url,
      status: response.status,
      headers: response.headers,
      body: text,
      secrets,
    });
  }
  const raw = parseJsonText(text, 'token response', url, secrets);
  registerTokens(raw, secrets);
  const token = parseWith(tokenResponseSchema, raw, 'token response', url, secrets);
  try {
    checkSecureUrl(token.instance_url, 'instance_url', request.allowInsecure);
  } catch (error) {
    const message = error instanceof Error ? error.message : 'insecure instance_url';
    throw new ResponseValidationError(`Token response refused: ${message}`, {
      issues: [{ path: ['instance_url'], message }],
      raw,
      url,
      secrets,
    });
  }
  return token;
}

/** The session a token response grants. */
export function sessionFrom(token: TokenResponse): Session {
  return { instanceUrl: token.instance_url.replace(/\/+$/, ''), accessToken: token.access_token };
}

async function send(
  transport: Transport,
  url: string,
  form: Readonly<Record<string, string>>,
  secrets: SecretSet,
): Promise<HttpResponse> {
  try {
    return await lastValueFrom(
      transport({
        method: 'POST',
        url,
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
        body: new URLSearchParams(form).toString(),
        responseType: 'text',
      }),
    );
  } catch (error) {
    if (error instanceof KineticError) throw redactError(error, secrets);
    // a transport that breaks its contract: keep the reason, never the request (it holds credentials)
    const reason =
      error instanceof EmptyError
        ? 'the transport completed without a response'
        : error instanceof Error
          ? error.message
          : String(error);
    throw new ConnectionError(`No response from POST ${url}: ${reason}`, {
      method: 'POST',
      url,
      requestSent: true,
      cause: error,
      secrets,
    });
  }
}

/** Transports answer `text` requests with a string (the limits above cap it); tolerate a byte stream anyway. */
async function bodyText(body: string | ByteStream): Promise<string> {
  if (typeof body === 'string') return body;
  const decoder = new TextDecoder();
  let text = '';
  for await (const chunk of body) text += decoder.decode(chunk, { stream: true });
  return text + decoder.decode();
}

function registerTokens(raw: unknown, secrets: SecretSet): void {
  if (!raw || typeof raw !== 'object') return;
  const { access_token: access, refresh_token: refresh, id_token: id } = raw as Record<string, unknown>;
  for (const value of [access, refresh, id]) if (typeof value === 'string') secrets.add(value);
}
