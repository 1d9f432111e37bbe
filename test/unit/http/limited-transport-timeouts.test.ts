import { catchError, firstValueFrom, NEVER, of, VirtualTimeScheduler } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { RequestTimeoutError } from '../../../src/errors/request-timeout-error.js';
import { limitedTransport } from '../../../src/http/limited-transport.js';
import { DEFAULT_REQUEST_LIMITS, type RequestLimits } from '../../../src/http/request-limits.js';
import type { HttpRequest } from '../../../src/http/transport.js';
import { ascii, settle, testBody } from './byte-bodies.js';

// What a RequestTimeoutError from limitedTransport says: which bound, its value, and what was awaited.
const REQUEST: HttpRequest = { method: 'GET', url: 'https://x.test/a?q=1', headers: {}, responseType: 'stream' };
const LIMITS: RequestLimits = { ...DEFAULT_REQUEST_LIMITS, idleTimeoutMs: 300, deadlineMs: 1000 };
const IDLE = 'nothing was sent or received for 300 ms (idleTimeoutMs)';
const DEADLINE = 'the request took longer than 1000 ms (deadlineMs)';

/** The timeout as a marble value: its kind, bound and message. */
const described = catchError((error: unknown) =>
  of(error instanceof RequestTimeoutError ? `${error.kind} ${error.timeoutMs}: ${error.message}` : String(error)),
);

describe('limitedTransport: the timeout errors', () => {
  it('waiting for the answer', () => {
    const ts = new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
    ts.run(({ expectObservable }) => {
      const idle = limitedTransport(() => NEVER, LIMITS, { scheduler: ts });
      expectObservable(idle(REQUEST).pipe(described)).toBe('300ms (a|)', {
        a: `idle 300: Request timed out waiting for the response of GET https://x.test/a: ${IDLE}`,
      });
      const late = limitedTransport(() => NEVER, { ...LIMITS, idleTimeoutMs: Infinity }, { scheduler: ts });
      expectObservable(late(REQUEST).pipe(described)).toBe('1000ms (a|)', {
        a: `deadline 1000: Request timed out waiting for the response of GET https://x.test/a: ${DEADLINE}`,
      });
    });
  });

  it.each([
    ['idle', LIMITS, 300, `idle 300: Request timed out waiting for the response body of GET https://x.test/a: ${IDLE}`],
    [
      'deadline',
      { ...LIMITS, idleTimeoutMs: Infinity },
      1000,
      `deadline 1000: Request timed out waiting for the response body of GET https://x.test/a: ${DEADLINE}`,
    ],
  ])('waiting for the body (%s)', async (_kind, limits, at, expected) => {
    const scheduler = new VirtualTimeScheduler();
    const body = testBody([ascii(1)], 'stall');
    const limited = limitedTransport(() => of({ status: 200, headers: {}, body }), limits, { scheduler });
    const response = await firstValueFrom(limited(REQUEST));
    if (typeof response.body === 'string') throw new Error('a streamed answer has a ByteStream body');
    const reader = response.body[Symbol.asyncIterator]();
    await reader.next();
    let outcome = 'waiting';
    reader.next().then(
      () => (outcome = 'read'),
      (error: unknown) =>
        (outcome =
          error instanceof RequestTimeoutError ? `${error.kind} ${error.timeoutMs}: ${error.message}` : String(error)),
    );
    const runTo = async (t: number): Promise<void> => {
      scheduler.maxFrames = t;
      scheduler.flush();
      await settle();
    };
    await runTo(at - 1);
    expect(outcome).toBe('waiting');
    await runTo(at);
    expect(outcome).toBe(expected);
    expect(body.cancelled).toBe(true);
  });
});
