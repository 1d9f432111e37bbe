import { asyncScheduler, defer, firstValueFrom, of, type Subscription, throwError } from 'rxjs';
import { RateLimitError } from '../../src/errors/rate-limit-error.js';
import { retryTransient } from '../../src/http/retry-transient.js';
import { getIngestJob } from '../../src/api/ingest-api.js';
import { BulkJob } from '../../src/models/bulk-job.js';
import { pollJob } from '../../src/poller/poll-job.js';
import { ingestJobInfoSchema } from '../../src/schemas/job-info.js';
import { apiFor, JOB_ID, jobInfo } from './fake-org.js';
import { json, startHostileServer, type HostileServer } from './hostile-server.js';

// A hostile `Retry-After` (negative, a date in the past) used to make the client retry at once,
// and a delay past the JS timer limit (2^31 - 1 ms) fired after 1 ms. Hints are now clamped to
// [initialDelayMs, maxDelayMs], and long delays are chained timers.

let server: HostileServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Answers 429 with `retryAfter` once, then the job; records when each request came. */
async function throttlingServer(retryAfter: string, status = 429): Promise<{ server: HostileServer; times: number[] }> {
  const times: number[] = [];
  const s = await startHostileServer((_request, res) => {
    times.push(Date.now());
    if (times.length === 1)
      json(res, status, [{ errorCode: 'REQUEST_LIMIT_EXCEEDED', message: 'slow down' }], { 'Retry-After': retryAfter });
    else json(res, 200, jobInfo('ingest', 'Open'));
  });
  return { server: s, times };
}

describe('a hostile Retry-After', () => {
  it.each([
    ['a negative number of seconds', '-5'],
    ['a date in the past', new Date(Date.now() - 3_600_000).toUTCString()],
    ['zero', '0'],
  ])('(%s) does not make the client retry at once: it waits at least initialDelayMs', async (_what, value) => {
    const throttled = await throttlingServer(value);
    server = throttled.server;
    const api = apiFor(server, {}, { maxRetries: 1, initialDelayMs: 300, maxDelayMs: 5000 });
    await firstValueFrom(getIngestJob(api, JOB_ID));
    const [first = 0, second = 0] = throttled.times;
    expect(second - first).toBeGreaterThanOrEqual(280);
  });

  it('(a huge number of seconds) is capped at maxDelayMs', async () => {
    const throttled = await throttlingServer('999999999', 503);
    server = throttled.server;
    const api = apiFor(server, {}, { maxRetries: 1, initialDelayMs: 10, maxDelayMs: 200 });
    const started = Date.now();
    await firstValueFrom(getIngestJob(api, JOB_ID));
    expect(Date.now() - started).toBeLessThan(3000);
    expect(throttled.times).toHaveLength(2);
  });
});

describe('delays past the JS timer limit (2^31 - 1 ms)', () => {
  it('a retry delay of 5e9 ms (maxDelayMs: 5e9) does not fire after 1 ms', async () => {
    const error = new RateLimitError('REQUEST_LIMIT_EXCEEDED: later', {
      status: 429,
      errorCode: 'REQUEST_LIMIT_EXCEEDED',
      retryAfterMs: 5e9,
    });
    let attempts = 0;
    const policy = { maxRetries: 1, initialDelayMs: 5e9, factor: 2, maxDelayMs: 5e9, jitter: 0 };
    const subscription: Subscription = defer(() => {
      attempts += 1;
      return attempts === 1 ? throwError(() => error) : of('retried');
    })
      .pipe(retryTransient({ policy, idempotent: true, scheduler: asyncScheduler }))
      .subscribe();
    await new Promise((r) => setTimeout(r, 300));
    expect(attempts).toBe(1);
    subscription.unsubscribe();
  });

  it('a poll deadline of 40,000 minutes does not expire at once', async () => {
    const job = new BulkJob(ingestJobInfoSchema.parse(jobInfo('ingest', 'InProgress')), 'ingest');
    let failed: unknown;
    const subscription = pollJob(() => of(job), {
      timeoutMs: 40_000 * 60_000,
      policy: { kind: 'fixed', intervalMs: 50 },
    }).subscribe({ error: (e: unknown) => (failed = e) });
    await new Promise((r) => setTimeout(r, 300));
    expect(failed).toBeUndefined();
    subscription.unsubscribe();
  });

  it('a poll interval past the limit waits instead of polling in a tight loop; Infinity as a deadline waits for ever', async () => {
    let polls = 0;
    const job = new BulkJob(ingestJobInfoSchema.parse(jobInfo('ingest', 'InProgress')), 'ingest');
    const subscription = pollJob(
      () => {
        polls += 1;
        return of(job);
      },
      { timeoutMs: Infinity, policy: { kind: 'fixed', intervalMs: 3e9 } },
    ).subscribe();
    await new Promise((r) => setTimeout(r, 300));
    expect(polls).toBe(0);
    subscription.unsubscribe();
  });
});
