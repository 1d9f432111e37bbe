import axios from 'axios';
import MockAdapter from 'axios-mock-adapter';
import { lastValueFrom, Observable, take, toArray } from 'rxjs';
import { AccessTokenAuthenticator } from '../../../src/auth/access-token.js';
import type { Authenticator, Session } from '../../../src/auth/authenticator.js';
import { AuthenticationError } from '../../../src/errors/authentication-error.js';
import { ConnectionError } from '../../../src/errors/connection-error.js';
import { ResponseValidationError } from '../../../src/errors/response-validation-error.js';
import { ServerError } from '../../../src/errors/server-error.js';
import { ApiClient, resolveUrl } from '../../../src/http/api-client.js';
import { axiosTransport } from '../../../src/http/axios-transport.js';
import { parseLimitInfo } from '../../../src/http/limits.js';
import type { HttpRequest, HttpResponse, Transport } from '../../../src/http/transport.js';
import { ingestJobInfoSchema } from '../../../src/schemas/job-info.js';
import { INSTANCE, jobInfo } from '../../support/mock-salesforce.js';

/** An authenticator that hands out token-1, token-2, ... and counts refreshes. */
class CountingAuth implements Authenticator {
  readonly flow = 'test';
  readonly canRefresh = true;
  issued = 0;
  private current: Session | undefined;
  session(): Observable<Session> {
    return new Observable((sub) => {
      if (!this.current) {
        this.issued += 1;
        this.current = { instanceUrl: INSTANCE, accessToken: `token-${this.issued}` };
      }
      sub.next(this.current);
      sub.complete();
    });
  }
  invalidate(rejected: Session): void {
    if (this.current?.accessToken === rejected.accessToken) this.current = undefined;
  }
}

function setup(auth: Authenticator = new CountingAuth(), maxRetries = 0) {
  const instance = axios.create();
  const mock = new MockAdapter(instance, { onNoMatch: 'throwException' });
  const api = new ApiClient({
    transport: axiosTransport({ instance }),
    auth,
    apiVersion: '66.0',
    retryPolicy: { maxRetries, initialDelayMs: 1, factor: 1, maxDelayMs: 1, jitter: 0 },
  });
  return { api, mock };
}

const url = `${INSTANCE}/services/data/v66.0/jobs/ingest/750000000000001AAA`;
const expired = [401, [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }]] as const;

describe('ApiClient', () => {
  it('refreshes once on 401 INVALID_SESSION_ID and resends with the new token', async () => {
    const auth = new CountingAuth();
    const { api, mock } = setup(auth);
    mock.onGet(url).replyOnce(...expired);
    mock.onGet(url).replyOnce(200, jobInfo());
    const info = await lastValueFrom(
      api.json(
        { method: 'GET', path: '/services/data/v66.0/jobs/ingest/750000000000001AAA' },
        ingestJobInfoSchema,
        'job',
      ),
    );
    expect(info.state).toBe('Open');
    expect(mock.history.map((h) => h.headers?.Authorization)).toEqual(['Bearer token-1', 'Bearer token-2']);
    expect(auth.issued).toBe(2);
  });

  it('fails with AuthenticationError when the refreshed session is refused too', async () => {
    const { api, mock } = setup();
    mock.onGet(url).reply(...expired);
    const error = await lastValueFrom(api.text({ method: 'GET', path: url })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as Error).message).toContain('again after a token refresh');
    expect(mock.history.length).toBe(2);
  });

  it('says clearly that a bare access token cannot be refreshed', async () => {
    const { api, mock } = setup(
      new AccessTokenAuthenticator({ instanceUrl: INSTANCE, accessToken: 'static-token-value' }),
    );
    mock.onGet(url).reply(...expired);
    const error = (await lastValueFrom(api.text({ method: 'GET', path: url })).catch(
      (e: unknown) => e,
    )) as AuthenticationError;
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error.message).toContain('nothing to refresh it with');
    expect(JSON.stringify(error)).not.toContain('static-token-value');
  });

  it('maps a JSON body of the wrong shape and an HTML 200 page to ResponseValidationError with the raw body', async () => {
    const { api, mock } = setup();
    mock.onGet(url).replyOnce(200, { id: 42 });
    const shape = (await lastValueFrom(api.json({ method: 'GET', path: url }, ingestJobInfoSchema, 'job')).catch(
      (e: unknown) => e,
    )) as ResponseValidationError;
    expect(shape).toBeInstanceOf(ResponseValidationError);
    expect(shape.raw).toEqual({ id: 42 });
    expect(shape.issues.length).toBeGreaterThan(0);
    mock.onGet(url).replyOnce(200, '<html>maintenance</html>');
    const html = (await lastValueFrom(api.json({ method: 'GET', path: url }, ingestJobInfoSchema, 'job')).catch(
      (e: unknown) => e,
    )) as ResponseValidationError;
    expect(html).toBeInstanceOf(ResponseValidationError);
    expect(html.raw).toBe('<html>maintenance</html>');
  });

  it('maps network errors to ConnectionError', async () => {
    const { api, mock } = setup();
    mock.onGet(url).networkErrorOnce();
    const error = await lastValueFrom(api.text({ method: 'GET', path: url })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
  });

  it('retries idempotent calls on 503 but never a job creation that may have reached the server', async () => {
    const { api, mock } = setup(new CountingAuth(), 2);
    mock.onGet(url).replyOnce(503, '').onGet(url).replyOnce(200, 'ok');
    expect((await lastValueFrom(api.text({ method: 'GET', path: url }))).body).toBe('ok');
    const create = `${INSTANCE}/services/data/v66.0/jobs/ingest`;
    mock.onPost(create).reply(503, '');
    const error = await lastValueFrom(api.text({ method: 'POST', path: create, idempotent: false })).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ServerError);
    expect(mock.history.filter((h) => h.method === 'post')).toHaveLength(1);
  });

  it('publishes Sforce-Limit-Info', async () => {
    const { api, mock } = setup();
    mock.onGet(url).replyOnce(200, 'x', { 'Sforce-Limit-Info': 'api-usage=23/5000000' });
    const seen = lastValueFrom(api.limitInfo$.pipe(take(2), toArray()));
    await lastValueFrom(api.text({ method: 'GET', path: url }));
    expect((await seen)[1]).toEqual({ used: 23, limit: 5000000, remaining: 4999977, bursts: undefined });
    expect(parseLimitInfo('api-usage=10018/100000; api-bursts=1/750')?.bursts).toEqual({ used: 1, limit: 750 });
    expect(parseLimitInfo('garbage')).toBeUndefined();
  });

  it('refuses to send the token to another origin', () => {
    expect(() => resolveUrl(INSTANCE, 'https://evil.example.com/services/data')).toThrow(ResponseValidationError);
    expect(resolveUrl(INSTANCE, 'services/data/v66.0/jobs/ingest/x/batches')).toBe(
      `${INSTANCE}/services/data/v66.0/jobs/ingest/x/batches`,
    );
    expect(resolveUrl(INSTANCE, '/a', { locator: 'MTAw', maxRecords: 5, skip: undefined })).toBe(
      `${INSTANCE}/a?locator=MTAw&maxRecords=5`,
    );
  });
});

describe('axiosTransport', () => {
  it('aborts the request when unsubscribed before the response', async () => {
    const instance = axios.create();
    let signal: AbortSignal | undefined;
    instance.defaults.adapter = (config) => {
      signal = config.signal as AbortSignal;
      return new Promise(() => undefined); // never answers
    };
    const transport: Transport = axiosTransport({ instance });
    const request: HttpRequest = { method: 'GET', url: 'https://x.example.com/', headers: {}, responseType: 'text' };
    const sub = transport(request).subscribe();
    await Promise.resolve();
    expect(signal?.aborted).toBe(false);
    sub.unsubscribe();
    expect(signal?.aborted).toBe(true);
  });

  it('gives a stream body as async-iterable bytes', async () => {
    const instance = axios.create();
    const mock = new MockAdapter(instance);
    mock.onGet('https://x.example.com/r').reply(200, 'a,b\n1,2\n');
    const response = (await lastValueFrom(
      axiosTransport({ instance })({
        method: 'GET',
        url: 'https://x.example.com/r',
        headers: {},
        responseType: 'stream',
      }),
    )) as HttpResponse<AsyncIterable<Uint8Array>>;
    let text = '';
    for await (const chunk of response.body) text += new TextDecoder().decode(chunk);
    expect(text).toBe('a,b\n1,2\n');
    expect(response.status).toBe(200);
  });
});
