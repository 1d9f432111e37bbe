import { gzipSync } from 'node:zlib';
import { catchError, map, NEVER, Observable, of, VirtualTimeScheduler } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { AccessTokenAuthenticator } from '../../../src/auth/access-token.js';
import { SalesforceClient } from '../../../src/client/salesforce-client.js';
import { ValidationError } from '../../../src/errors/validation-error.js';
import { ApiClient } from '../../../src/http/api-client.js';
import { guardBody, type BodyGuard } from '../../../src/http/guarded-body.js';
import { isLimitedTransport, limitedTransport } from '../../../src/http/limited-transport.js';
import { longTimer, MAX_TIMER_MS } from '../../../src/http/long-timer.js';
import { DEFAULT_REQUEST_LIMITS, mergeRequestLimits, type RequestLimits } from '../../../src/http/request-limits.js';
import { DEFAULT_RETRY_POLICY, retryDelayMs } from '../../../src/http/retry-policy.js';
import { parseRetryAfter } from '../../../src/errors/error-from-http.js';
import { RateLimitError } from '../../../src/errors/rate-limit-error.js';
import type { ByteStream, HttpRequest, HttpResponse, Transport } from '../../../src/http/transport.js';

const REQUEST: HttpRequest = { method: 'GET', url: 'https://x.test/a', headers: {}, responseType: 'stream' };
const LIMITS: RequestLimits = mergeRequestLimits(DEFAULT_REQUEST_LIMITS, { idleTimeoutMs: 300 });

function testScheduler(): TestScheduler {
  return new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
}

/** The error's name and kind, as a marble value. */
const outcome = catchError((error: { name: string; kind?: string }) => of(`${error.name}:${error.kind ?? ''}`));

describe('longTimer (virtual time)', () => {
  it('waits past the 2^31 - 1 ms limit instead of firing at once; Infinity never fires; negative fires at once', () => {
    const ts = testScheduler();
    ts.run(({ expectObservable }) => {
      expectObservable(longTimer(MAX_TIMER_MS + 5, ts)).toBe(`${MAX_TIMER_MS + 5}ms (0|)`, { 0: 0 });
      expectObservable(longTimer(Infinity, ts)).toBe('-');
      expectObservable(longTimer(-5, ts)).toBe('(0|)', { 0: 0 });
    });
  });
});

describe('limitedTransport (virtual time)', () => {
  it('fails a request whose answer never comes after idleTimeoutMs, and unsubscribes the transport (closing its socket)', () => {
    const ts = testScheduler();
    ts.run(({ cold, expectObservable, expectSubscriptions }) => {
      const silent = cold<HttpResponse>('-');
      const limited = limitedTransport(() => silent, LIMITS, { scheduler: ts });
      expectObservable(limited(REQUEST).pipe(outcome)).toBe('300ms (a|)', { a: 'RequestTimeoutError:idle' });
      expectSubscriptions(silent.subscriptions).toBe('^ 299ms !');
    });
  });

  it('restarts the idle wait whenever the transport reports activity (upload progress)', () => {
    const ts = testScheduler();
    ts.run(({ expectObservable }) => {
      const transport: Transport = (request) =>
        new Observable<HttpResponse>((subscriber) => {
          const pings = [200, 400].map((at) => ts.schedule(() => request.onActivity?.(), at));
          const answer = ts.schedule(() => {
            subscriber.next({ status: 200, headers: {}, body: '' });
            subscriber.complete();
          }, 600);
          return () => [...pings, answer].forEach((s) => s.unsubscribe());
        });
      const limited = limitedTransport(transport, LIMITS, { scheduler: ts });
      expectObservable(
        limited(REQUEST).pipe(
          map((response) => `status ${response.status}`),
          outcome,
        ),
      ).toBe('600ms (a|)', { a: 'status 200' });
    });
  });

  it('fails at deadlineMs even while bytes keep coming', () => {
    const ts = testScheduler();
    ts.run(({ expectObservable }) => {
      const transport: Transport = (request) =>
        new Observable<HttpResponse>(() => {
          const pings = Array.from({ length: 20 }, (_, i) => ts.schedule(() => request.onActivity?.(), (i + 1) * 100));
          return () => pings.forEach((s) => s.unsubscribe());
        });
      const limited = limitedTransport(transport, { ...LIMITS, deadlineMs: 1000 }, { scheduler: ts });
      expectObservable(limited(REQUEST).pipe(outcome)).toBe('1000ms (a|)', { a: 'RequestTimeoutError:deadline' });
    });
  });

  it('asks the transport for a stream even for a text request, and marks itself (token flows do not wrap twice)', () => {
    const seen: HttpRequest[] = [];
    const limited = limitedTransport((request) => {
      seen.push(request);
      return NEVER;
    }, LIMITS);
    limited({ ...REQUEST, responseType: 'text' })
      .subscribe()
      .unsubscribe();
    expect(seen[0]?.responseType).toBe('stream');
    expect(isLimitedTransport(limited)).toBe(true);
    expect(isLimitedTransport(() => NEVER)).toBe(false);
  });
});

function guard(scheduler: VirtualTimeScheduler, overrides: Partial<BodyGuard> = {}): BodyGuard {
  return {
    idleTimeoutMs: 1000,
    deadlineAt: Infinity,
    scheduler,
    maxBytes: Infinity,
    timedOut: (kind) => new Error(`timed out: ${kind}`),
    overLimit: () => new Error('over the limit'),
    ...overrides,
  };
}

/** A body that yields `chunks`, then never answers again; `cancelled` tells whether it was released. */
function stallingBody(chunks: readonly Uint8Array[]): ByteStream & { cancelled: boolean } {
  const body = {
    cancelled: false,
    cancel() {
      body.cancelled = true;
    },
    async *[Symbol.asyncIterator]() {
      for (const chunk of chunks) yield chunk;
      await new Promise(() => undefined);
    },
  };
  return body;
}

describe('guardBody', () => {
  it('fails a read that waits longer than the idle timeout, in virtual time, and releases the source', async () => {
    const scheduler = new VirtualTimeScheduler();
    const source = stallingBody([new Uint8Array([65])]);
    const reader = guardBody(source, guard(scheduler))[Symbol.asyncIterator]();
    expect((await reader.next()).value).toEqual(new Uint8Array([65]));
    const pending = reader.next();
    await Promise.resolve();
    scheduler.flush();
    await expect(pending).rejects.toThrow('timed out: idle');
    expect(scheduler.now()).toBe(1000);
    expect(source.cancelled).toBe(true);
  });

  it('runs no timer while the consumer is busy: only waits for the server count', async () => {
    const scheduler = new VirtualTimeScheduler();
    const reader = guardBody(stallingBody([new Uint8Array([1]), new Uint8Array([2])]), guard(scheduler))[
      Symbol.asyncIterator
    ]();
    await reader.next();
    scheduler.flush(); // a slow consumer: nothing is pending, nothing times out
    expect((await reader.next()).value).toEqual(new Uint8Array([2]));
  });

  it('inflates a gzip body the transport left compressed, and caps the inflated bytes', async () => {
    const text = 'Id\n'.repeat(100_000);
    const gz = gzipSync(text);
    const chunks = [gz.subarray(0, 10), gz.subarray(10)];
    const whole = guardBody(stallingBody(chunks), guard(new VirtualTimeScheduler(), { idleTimeoutMs: Infinity }));
    const decoder = new TextDecoder();
    let out = '';
    for await (const chunk of whole) {
      out += decoder.decode(chunk, { stream: true });
      if (out.length >= text.length) break;
    }
    expect(out).toBe(text);
    const capped = guardBody(stallingBody(chunks), guard(new VirtualTimeScheduler(), { maxBytes: 50_000 }));
    await expect(
      (async () => {
        for await (const chunk of capped) expect(chunk.byteLength).toBeGreaterThan(0);
      })(),
    ).rejects.toThrow('over the limit');
  });

  it('return() (the end of a for-await loop) releases the source at once, even with a read pending', async () => {
    const source = stallingBody([]);
    const reader = guardBody(source, guard(new VirtualTimeScheduler()))[Symbol.asyncIterator]();
    void reader.next().catch(() => undefined);
    await reader.return?.();
    expect(source.cancelled).toBe(true);
  });
});

describe('Retry-After', () => {
  const policy = { ...DEFAULT_RETRY_POLICY, initialDelayMs: 500, maxDelayMs: 10_000, jitter: 0 };
  const throttled = (retryAfterMs: number) => new RateLimitError('x', { status: 429, errorCode: 'X', retryAfterMs });

  it('is clamped to [initialDelayMs, maxDelayMs]', () => {
    expect(retryDelayMs(policy, 1, throttled(0))).toBe(500);
    expect(retryDelayMs(policy, 1, throttled(2000))).toBe(2000);
    expect(retryDelayMs(policy, 1, throttled(1e12))).toBe(10_000);
  });

  it('negative or fractional seconds are ignored (the backoff applies); a past date is 0', () => {
    expect(parseRetryAfter('-5')).toBeUndefined();
    expect(parseRetryAfter('1.5')).toBeUndefined();
    expect(parseRetryAfter(new Date(0).toUTCString(), 10_000)).toBe(0);
    expect(parseRetryAfter(' 3 ')).toBe(3000);
  });
});

describe('the requestLimits option', () => {
  const auth = () =>
    new AccessTokenAuthenticator({ instanceUrl: 'https://x.my.salesforce.com', accessToken: 'tok-123456' });

  it('is checked by the client: unknown keys and bad values are ValidationErrors; Infinity disables a timeout', () => {
    expect(() => new SalesforceClient({ auth: auth(), requestLimits: { idleTimeoutMs: -1 } })).toThrow(ValidationError);
    expect(() => new SalesforceClient({ auth: auth(), requestLimits: { maxJsonBytes: 1.5 } })).toThrow(ValidationError);
    expect(() => new SalesforceClient({ auth: auth(), requestLimits: { timeout: 5 } as never })).toThrow(/timeout/);
    expect(() => new SalesforceClient({ auth: auth(), requestLimits: { idleTimeoutMs: Infinity } })).not.toThrow();
  });

  it('ApiClient.withRequestLimits gives a checked copy that shares the session facts and the secrets', () => {
    const api = new ApiClient({ transport: () => NEVER, auth: auth(), apiVersion: '66.0' });
    expect(api.requestLimits).toBe(DEFAULT_REQUEST_LIMITS);
    const copy = api.withRequestLimits({ idleTimeoutMs: 5000, maxBodyBytes: 1024 });
    expect(copy.requestLimits).toEqual({ ...DEFAULT_REQUEST_LIMITS, idleTimeoutMs: 5000, maxBodyBytes: 1024 });
    expect(copy.identity).toBe(api.identity);
    expect(copy.secrets).toBe(api.secrets);
    expect(api.withRequestLimits({})).toBe(api);
    expect(() => api.withRequestLimits({ deadlineMs: 0 })).toThrow(ValidationError);
    expect(() => api.withRequestLimits({ idle: 1 } as never)).toThrow(/unknown option idle/);
  });
});
