import { defer, type Observable } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { ApiError } from '../../../src/errors/api-error.js';
import { AuthenticationError } from '../../../src/errors/authentication-error.js';
import { ConnectionError } from '../../../src/errors/connection-error.js';
import { RateLimitError } from '../../../src/errors/rate-limit-error.js';
import { ServerError } from '../../../src/errors/server-error.js';
import { ValidationError } from '../../../src/errors/validation-error.js';
import { isRetryable, mergeRetryPolicy, retryDelayMs, type RetryPolicy } from '../../../src/http/retry-policy.js';
import { retryTransient } from '../../../src/http/retry-transient.js';

const POLICY: RetryPolicy = { maxRetries: 3, initialDelayMs: 500, factor: 2, maxDelayMs: 1500, jitter: 0 };
const details = { status: 503, errorCode: 'SERVER_UNAVAILABLE' };
const unavailable = new ServerError('SERVER_UNAVAILABLE: try later', details);
const reset = new ConnectionError('socket hang up', { code: 'ECONNRESET', requestSent: true });
const refused = new ConnectionError('connect ECONNREFUSED', { code: 'ECONNREFUSED', requestSent: false });
const throttled = (retryAfterMs?: number): RateLimitError =>
  new RateLimitError('REQUEST_LIMIT_EXCEEDED: TotalRequests Limit exceeded.', {
    status: 403,
    errorCode: 'REQUEST_LIMIT_EXCEEDED',
    ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
  });

function scheduler(): TestScheduler {
  return new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
}

/** A source whose n-th subscription (0-based) is `attempts[n]`, counting subscriptions. */
function attempts<T>(list: readonly Observable<T>[]): { source: Observable<T>; count: () => number } {
  let n = 0;
  return { source: defer(() => list[Math.min(n++, list.length - 1)] as Observable<T>), count: () => n };
}

describe('retryTransient (marbles, virtual time)', () => {
  it('backs off exponentially (500, 1000, capped at 1500 ms) and resubscribes the whole request', () => {
    const ts = scheduler();
    ts.run(({ cold, expectObservable, expectSubscriptions }) => {
      const failing = cold('--#', undefined, unavailable);
      const result = failing.pipe(retryTransient({ policy: POLICY, idempotent: true, scheduler: ts }));
      // 3 retries: subscriptions at 0, 502, 1504, 3006; the last error passes through at 3008
      expectObservable(result).toBe('3008ms #', undefined, unavailable);
      expectSubscriptions(failing.subscriptions).toBe(['^-!', '502ms ^-!', '1504ms ^-!', '3006ms ^-!']);
    });
  });

  it('succeeds once an attempt succeeds', () => {
    const ts = scheduler();
    ts.run(({ cold, expectObservable }) => {
      const { source } = attempts([
        cold('-#', undefined, reset),
        cold('-#', undefined, unavailable),
        cold('-a|', { a: 'ok' }),
      ]);
      expectObservable(source.pipe(retryTransient({ policy: POLICY, idempotent: true, scheduler: ts }))).toBe(
        '1503ms a|',
        { a: 'ok' },
      );
    });
  });

  it('honours Retry-After, capped at maxDelayMs', () => {
    const ts = scheduler();
    ts.run(({ cold, expectObservable }) => {
      const { source } = attempts([
        cold('#', undefined, throttled(1200)),
        cold('#', undefined, throttled(60_000)),
        cold('a|', { a: 1 }),
      ]);
      expectObservable(source.pipe(retryTransient({ policy: POLICY, idempotent: false, scheduler: ts }))).toBe(
        '2700ms a|',
        { a: 1 },
      );
    });
  });

  it('spreads delays with jitter inside [base x (1 - jitter), base]', () => {
    const policy = { ...POLICY, jitter: 0.5 };
    expect(retryDelayMs(policy, 2, unavailable, () => 0)).toBe(500);
    expect(retryDelayMs(policy, 2, unavailable, () => 0.999999)).toBe(1000);
    expect(retryDelayMs(policy, 5, unavailable, () => 1)).toBe(1500);
    const ts = scheduler();
    ts.run(({ cold, expectObservable }) => {
      const { source } = attempts([cold('#', undefined, reset), cold('a|', { a: 1 })]);
      expectObservable(
        source.pipe(retryTransient({ policy, idempotent: true, scheduler: ts, random: () => 0.5 })),
      ).toBe('375ms a|', { a: 1 });
    });
  });

  it('retries a non-idempotent request only when it certainly did not reach the server', () => {
    const ts = scheduler();
    ts.run(({ cold, expectObservable }) => {
      const notSent = attempts([
        cold('#', undefined, refused),
        cold('#', undefined, throttled()),
        cold('a|', { a: 'created' }),
      ]);
      expectObservable(notSent.source.pipe(retryTransient({ policy: POLICY, idempotent: false, scheduler: ts }))).toBe(
        '1500ms a|',
        { a: 'created' },
      );
      const sent = attempts([cold('-#', undefined, reset)]);
      expectObservable(sent.source.pipe(retryTransient({ policy: POLICY, idempotent: false, scheduler: ts }))).toBe(
        '-#',
        undefined,
        reset,
      );
      const failed = attempts([cold('-#', undefined, unavailable)]);
      expectObservable(failed.source.pipe(retryTransient({ policy: POLICY, idempotent: false, scheduler: ts }))).toBe(
        '-#',
        undefined,
        unavailable,
      );
    });
  });

  it.each([
    ['a validation error', new ValidationError('bad input')],
    ['a 400', new ApiError('INVALIDJOB: no', { status: 400, errorCode: 'INVALIDJOB' })],
    ['a 404', new ApiError('NOT_FOUND: gone', { status: 404, errorCode: 'NOT_FOUND' })],
    [
      'a refused session',
      new AuthenticationError('INVALID_SESSION_ID', { status: 401, errorCode: 'INVALID_SESSION_ID' }),
    ],
    ['a plain Error', new Error('bug')],
  ])('never retries %s', (_name, error) => {
    expect(isRetryable(error, true)).toBe(false);
    const ts = scheduler();
    ts.run(({ cold, expectObservable, expectSubscriptions }) => {
      const failing = cold('-#', undefined, error);
      expectObservable(failing.pipe(retryTransient({ policy: POLICY, idempotent: true, scheduler: ts }))).toBe(
        '-#',
        undefined,
        error,
      );
      expectSubscriptions(failing.subscriptions).toBe(['^!']);
    });
  });

  it('turns "already applied" into success only after an attempt that may have landed', () => {
    const duplicate = new ApiError('BULK_API_ERROR: Found multiple contents for job', {
      status: 400,
      errorCode: 'BULK_API_ERROR',
    });
    const settings = {
      policy: POLICY,
      idempotent: true,
      alreadyApplied: (e: unknown) => e === duplicate,
      applied: () => 'applied',
    };
    const ts = scheduler();
    ts.run(({ cold, expectObservable }) => {
      const fails = (error: unknown) => cold<string>('-#', undefined, error);
      const landed = attempts([fails(reset), fails(duplicate)]);
      expectObservable(landed.source.pipe(retryTransient({ ...settings, scheduler: ts }))).toBe('502ms (a|)', {
        a: 'applied',
      });
      // refused before sending: the duplicate cannot be ours
      const neverSent = attempts([fails(refused), fails(duplicate)]);
      expectObservable(neverSent.source.pipe(retryTransient({ ...settings, scheduler: ts }))).toBe(
        '502ms #',
        undefined,
        duplicate,
      );
      const firstTry = attempts([fails(duplicate)]);
      expectObservable(firstTry.source.pipe(retryTransient({ ...settings, scheduler: ts }))).toBe(
        '-#',
        undefined,
        duplicate,
      );
    });
  });

  it('with maxRetries 0 sends once', () => {
    const ts = scheduler();
    ts.run(({ cold, expectObservable, expectSubscriptions }) => {
      const failing = cold('-#', undefined, unavailable);
      expectObservable(
        failing.pipe(retryTransient({ policy: { ...POLICY, maxRetries: 0 }, idempotent: true, scheduler: ts })),
      ).toBe('-#', undefined, unavailable);
      expectSubscriptions(failing.subscriptions).toBe(['^!']);
    });
  });

  it('merges overrides field by field, ignoring undefined', () => {
    expect(mergeRetryPolicy(POLICY, { maxRetries: 7, jitter: undefined })).toEqual({ ...POLICY, maxRetries: 7 });
    expect(mergeRetryPolicy(POLICY, undefined)).toBe(POLICY);
  });
});
