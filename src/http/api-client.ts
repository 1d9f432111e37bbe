import {
  asyncScheduler,
  BehaviorSubject,
  catchError,
  defer,
  from,
  map,
  type Observable,
  type SchedulerLike,
  switchMap,
  throwError,
} from 'rxjs';
import type * as z from 'zod/mini';
import type { Session } from '../auth/authenticator.js';
import { AuthenticationError } from '../errors/authentication-error.js';
import { errorFromHttp } from '../errors/error-from-http.js';
import { redactError } from '../errors/redact-error.js';
import { SecretSet } from '../errors/secret-set.js';
import { parseJsonText, parseWith } from '../schemas/parse-with.js';
import type { ApiClientOptions, SharedState } from './api-client-options.js';
import type { ApiRequest } from './api-request.js';
import type { LimitInfo } from '../models/limit-info.js';
import { limitedTransport } from './limited-transport.js';
import { describeError, stripQuery } from './log-details.js';
import { parseLimitInfo } from './limits.js';
import { silentLogger, type Logger } from './logger.js';
import { readBodyText } from './read-body.js';
import {
  checkRequestLimits,
  DEFAULT_REQUEST_LIMITS,
  mergeRequestLimits,
  type RequestLimits,
} from './request-limits.js';
import { resolveUrl } from './resolve-url.js';
import { DEFAULT_RETRY_POLICY, mergeRetryPolicy, retryDelayMs, type RetryPolicy } from './retry-policy.js';
import { retryTransient } from './retry-transient.js';
import { refreshFailed, refusedAgain, type SessionRefusal } from './session-refusal.js';
import type { ByteStream, HttpRequest, HttpResponse, Transport } from './transport.js';

export { resolveUrl } from './resolve-url.js';

/**
 * Everything between a job function and the transport: session and auth header, URL
 * building, timeouts and size caps (`requestLimits`), retries of transient failures,
 * refresh-and-resend-once on 401 `INVALID_SESSION_ID`, `Sforce-Limit-Info`, mapping of
 * failures to typed errors, and their redaction with the client's secrets.
 */
export class ApiClient {
  /** The org's API usage as last reported by `Sforce-Limit-Info`. */
  readonly limitInfo$: Observable<LimitInfo | undefined>;
  readonly apiVersion: string;
  readonly scheduler: SchedulerLike;
  /** The retry policy every request of this client is sent with. */
  readonly retryPolicy: RetryPolicy;
  /** The timeouts and size caps every request of this client is sent with (CSV caps: for its readers). */
  readonly requestLimits: RequestLimits;
  /**
   * What this client knows that must never be printed: the authenticator's secrets (its own
   * set when the authenticator has none) and every access token sent. Every error leaving
   * `send` and `json` is redacted with it; so are the log lines.
   */
  readonly secrets: SecretSet;
  private readonly logger: Logger;
  private readonly shared: SharedState;
  private readonly transport: Transport;

  constructor(
    private readonly options: ApiClientOptions,
    shared?: SharedState,
  ) {
    this.apiVersion = options.apiVersion;
    this.scheduler = options.scheduler ?? asyncScheduler;
    this.logger = options.logger ?? silentLogger;
    this.retryPolicy = options.retryPolicy ?? DEFAULT_RETRY_POLICY;
    this.requestLimits = options.requestLimits ?? DEFAULT_REQUEST_LIMITS;
    this.shared = shared ?? {
      limitInfo: new BehaviorSubject<LimitInfo | undefined>(undefined),
      instanceUrl: undefined,
      serverOffsetMs: undefined,
      secrets: options.auth.secrets ?? new SecretSet(),
    };
    this.secrets = this.shared.secrets;
    this.limitInfo$ = this.shared.limitInfo.asObservable();
    this.transport = limitedTransport(options.transport, this.requestLimits, { scheduler: this.scheduler });
  }

  /**
   * The same client with some retry settings replaced (an operation's `retryPolicy` option).
   * The copy shares the session facts and `limitInfo$` with this client.
   */
  withRetryPolicy(overrides: Partial<RetryPolicy> | undefined): ApiClient {
    if (!overrides || Object.keys(overrides).length === 0) return this;
    return new ApiClient({ ...this.options, retryPolicy: mergeRetryPolicy(this.retryPolicy, overrides) }, this.shared);
  }

  /**
   * The same client with some request limits replaced (an operation's per-call option, e.g.
   * a longer `idleTimeoutMs` or a larger `maxBodyBytes`). Checked: an unknown key or a bad
   * value is a `ValidationError`. The copy shares the session facts, secrets and `limitInfo$`.
   */
  withRequestLimits(overrides: Partial<RequestLimits> | undefined): ApiClient {
    if (!overrides || Object.keys(overrides).length === 0) return this;
    const checked = checkRequestLimits(overrides);
    return new ApiClient(
      { ...this.options, requestLimits: mergeRequestLimits(this.requestLimits, checked) },
      this.shared,
    );
  }

  /** The same object for this client and its copies: a key for what is learned about its session's user. */
  get identity(): object {
    return this.shared;
  }

  /**
   * The org the session points at, as its instance origin (`https://acme.my.salesforce.com`):
   * gets the session first (a token request if there is none yet).
   */
  org(): Observable<string> {
    return this.options.auth.session().pipe(map((session) => instanceOrigin(session.instanceUrl)));
  }

  /** The last `Sforce-Limit-Info` reading, if any. */
  get lastLimitInfo(): LimitInfo | undefined {
    return this.shared.limitInfo.value;
  }

  /** The instance URL of the last session used, once a request was attempted. */
  get instanceUrl(): string | undefined {
    return this.shared.instanceUrl;
  }

  /**
   * Server clock minus `scheduler.now()`, from the last response's `Date` header (1 s
   * resolution, so the true offset lies within about a second above it); undefined until known.
   */
  get serverClockOffsetMs(): number | undefined {
    return this.shared.serverOffsetMs;
  }

  /** The backoff before retry number `retry` of this client's policy (jitter from its random source). */
  retryDelayMs(retry: number, error: unknown): number {
    return retryDelayMs(this.retryPolicy, retry, error, this.options.random);
  }

  /** `/services/data/v66.0` + suffix; `version` overrides the client's (results use the job's version). */
  dataPath(suffix: string, version: string = this.apiVersion): string {
    return `/services/data/v${version}${suffix}`;
  }

  /** Sends a request; emits the 2xx response or errors with a typed error. Retries per policy. */
  send(request: ApiRequest, policy: RetryPolicy = this.retryPolicy): Observable<HttpResponse> {
    const idempotent = request.idempotent ?? request.method !== 'POST';
    return defer(() => this.attempt(request, undefined)).pipe(
      retryTransient<HttpResponse>({
        policy,
        idempotent,
        scheduler: this.scheduler,
        random: this.options.random,
        onRetry: (retry, ms, error) =>
          this.logger.debug?.(`retrying ${request.route ?? request.method} in ${ms} ms`, {
            retry,
            error: this.secrets.redact(describeError(error)),
          }),
        alreadyApplied: request.alreadyApplied,
        applied: () => {
          this.logger.debug?.(`${request.route ?? request.method}: an earlier attempt had already taken effect`);
          return { status: 204, headers: {}, body: '' };
        },
      }),
      catchError((error: unknown) => throwError(() => redactError(error, this.secrets))),
    );
  }

  /** Sends a request and gives the body as text. */
  text(request: ApiRequest, policy?: RetryPolicy): Observable<HttpResponse<string>> {
    return this.send({ ...request, responseType: 'text' }, policy) as Observable<HttpResponse<string>>;
  }

  /** Sends a request and gives the body as byte chunks, pulled on demand. */
  stream(request: ApiRequest, policy?: RetryPolicy): Observable<HttpResponse<ByteStream>> {
    return this.send({ ...request, responseType: 'stream' }, policy) as Observable<HttpResponse<ByteStream>>;
  }

  /** Sends a request and parses the JSON body with a schema (one choke point for inbound JSON). */
  json<S extends z.ZodMiniType>(
    request: ApiRequest,
    schema: S,
    what: string,
    policy?: RetryPolicy,
  ): Observable<z.infer<S>> {
    return this.text(request, policy).pipe(
      switchMap(async (response) =>
        parseWith(
          schema,
          parseJsonText(response.body, what, request.path, this.secrets),
          what,
          request.path,
          this.secrets,
        ),
      ),
    );
  }

  /** One send; `refusal` is set on the resend after a 401 `INVALID_SESSION_ID`. */
  private attempt(request: ApiRequest, refusal: SessionRefusal | undefined): Observable<HttpResponse> {
    const auth = this.options.auth;
    const session$ = refusal
      ? auth.session().pipe(
          catchError((error: unknown) => {
            throw refreshFailed(error, auth.flow, refusal, this.secrets);
          }),
        )
      : auth.session();
    return session$.pipe(
      switchMap((session) => {
        this.shared.instanceUrl = session.instanceUrl;
        this.secrets.add(session.accessToken);
        const http = this.toHttpRequest(request, session);
        const started = this.scheduler.now();
        this.logger.debug?.(`-> ${http.method} ${stripQuery(http.url)}`, { route: request.route });
        return this.transport(http).pipe(
          switchMap((response) => {
            this.logger.debug?.(`<- ${response.status} ${http.method} ${stripQuery(http.url)}`, {
              ms: this.scheduler.now() - started,
            });
            this.learn(response);
            if (response.status >= 200 && response.status < 300) return [response];
            return from(this.failure(request, http, response, session, refusal)).pipe(switchMap((next) => next));
          }),
        );
      }),
    );
  }

  private async failure(
    request: ApiRequest,
    http: HttpRequest,
    response: HttpResponse,
    session: Session,
    refusal: SessionRefusal | undefined,
  ): Promise<Observable<HttpResponse>> {
    const body = await readBodyText(response.body);
    const error = errorFromHttp(
      { status: response.status, headers: response.headers, body, method: http.method, url: http.url },
      this.secrets,
    );
    if (!(error instanceof AuthenticationError) || !/INVALID_SESSION_ID/.test(body)) throw error;
    const auth = this.options.auth;
    if (!auth.canRefresh) {
      throw new AuthenticationError(
        `Session expired or invalid, and the ${auth.flow} flow has nothing to refresh it with: supply a new access token or use a flow that can refresh (JWT, client credentials, refresh token, password)`,
        { status: error.status, errorCode: error.errorCode, method: http.method, url: http.url, secrets: this.secrets },
      );
    }
    if (refusal) throw refusedAgain(auth.flow, refusal, session, this.secrets);
    this.logger.debug?.('session expired; refreshing once', { route: request.route });
    auth.invalidate(session);
    return this.attempt(request, { session, error });
  }

  /** Facts every response carries: API usage, and the server's clock. */
  private learn(response: HttpResponse): void {
    const limit = parseLimitInfo(response.headers['sforce-limit-info']);
    if (limit) this.shared.limitInfo.next(limit);
    const date = response.headers.date ? Date.parse(response.headers.date) : Number.NaN;
    if (!Number.isNaN(date)) this.shared.serverOffsetMs = date - this.scheduler.now();
  }

  private toHttpRequest(request: ApiRequest, session: Session): HttpRequest {
    const url = resolveUrl(session.instanceUrl, request.path, request.query);
    const headers: Record<string, string> = {
      Authorization: `Bearer ${session.accessToken}`,
      Accept: 'application/json',
      ...(this.options.callOptions ? { 'Sforce-Call-Options': this.options.callOptions } : {}),
      ...request.headers,
    };
    return { method: request.method, url, headers, body: request.body, responseType: request.responseType ?? 'text' };
  }
}

function instanceOrigin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}
