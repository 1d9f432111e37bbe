import { lastValueFrom, type Observable } from 'rxjs';
import { toResult } from '../../operators/to-result.js';
import { ApiError } from '../../src/errors/api-error.js';
import { ServerError } from '../../src/errors/server-error.js';
import { ValidationError } from '../../src/errors/validation-error.js';
import type { BulkQueryResult } from '../../src/models/bulk-query-result.js';
import type { BulkResult } from '../../src/models/bulk-result.js';
import type { BulkEvent } from '../../src/operations/shared/bulk-event.js';
import type { FaultRule } from '../../src/testing/faults/fault-types.js';
import { startFixture, type EmulatorFixture } from '../support/emulator-client.js';

/** Fast retries: the rules are what is tested here, not the delays. */
const RETRIES = { maxRetries: 4, initialDelayMs: 5, factor: 2, maxDelayMs: 40, jitter: 0 };

let fx: EmulatorFixture;
afterEach(async () => fx?.close());

const run = <R>(op: Observable<BulkEvent<R>>): Promise<R> => lastValueFrom(op.pipe(toResult()));
const rows = (prefix: string, n: number) =>
  Array.from({ length: n }, (_, i) => ({ Name: `${prefix}-${i}`, External_Key__c: `${prefix}-${i}` }));

async function start(
  faults: readonly FaultRule[],
  processing?: { recordsPerSecond: number; tickMs: number },
): Promise<EmulatorFixture> {
  fx = await startFixture(
    { faults: { seed: 7, rules: faults }, ...(processing ? { processing } : {}) },
    { retryPolicy: RETRIES },
  );
  return fx;
}

const calls = (route: string, method: string): number => fx.emulator.stats().requests[route]?.[method] ?? 0;
const ingestJobs = () => fx.emulator.jobs.list().filter((job) => job.kind === 'ingest');

/** Every input row is in the org exactly once, and the load made exactly `jobs` jobs, none left Open. */
function expectLoadedOnce(result: BulkResult, prefix: string, n: number, jobs = 1): void {
  expect(result.successCount).toBe(n);
  const keys = fx.emulator.org
    .records('Account')
    .map((r) => String(r.External_Key__c))
    .filter((k) => k.startsWith(`${prefix}-`));
  expect(keys.sort()).toEqual(
    rows(prefix, n)
      .map((r) => r.External_Key__c)
      .sort(),
  );
  expect(ingestJobs()).toHaveLength(jobs);
  expect(ingestJobs().filter((job) => job.state !== 'JobComplete')).toEqual([]);
}

describe('job creation after an ambiguous failure', () => {
  it('adopts the job made by a create whose connection was reset after the server handled it', async () => {
    await start([{ route: 'ingest.create', effect: { kind: 'reset' }, timing: 'after', times: 1 }]);
    const result = await run(fx.client.bulk.insert('Account', rows('adopt', 5)));
    expectLoadedOnce(result, 'adopt', 5);
    expect(calls('ingest.create', 'POST')).toBe(1);
    expect(calls('ingest.list', 'GET')).toBeGreaterThanOrEqual(1);
  });

  it('adopts the job when the server made it and then answered 503', async () => {
    await start([{ route: 'ingest.create', effect: { kind: 'status', status: 503 }, timing: 'after', times: 1 }]);
    expectLoadedOnce(await run(fx.client.bulk.insert('Account', rows('s503', 3))), 's503', 3);
    expect(calls('ingest.create', 'POST')).toBe(1);
  });

  it.each([
    ['a reset before the server handled it', { kind: 'reset' } as const],
    ['a 503 before the server handled it', { kind: 'status', status: 503 } as const],
    ['an HTML 502 page', { kind: 'html', status: 502 } as const],
  ])('looks, finds nothing, and creates again after %s', async (_name, effect) => {
    await start([{ route: 'ingest.create', effect, times: 2 }]);
    expectLoadedOnce(await run(fx.client.bulk.insert('Account', rows('again', 4))), 'again', 4);
    expect(calls('ingest.create', 'POST')).toBe(3);
    expect(calls('ingest.list', 'GET')).toBe(2);
  });

  it('retries a create refused with REQUEST_LIMIT_EXCEEDED or 429 without looking (nothing was made)', async () => {
    await start([
      { route: 'ingest.create', effect: { kind: 'status', status: 403 }, times: 1 },
      { route: 'ingest.create', effect: { kind: 'status', status: 429, retryAfterSeconds: 0 }, times: 1 },
    ]);
    expectLoadedOnce(await run(fx.client.bulk.insert('Account', rows('limit', 2))), 'limit', 2);
    expect(calls('ingest.create', 'POST')).toBe(3);
    expect(calls('ingest.list', 'GET')).toBe(0);
  });

  it('never retries a create refused with another 4xx', async () => {
    await start([{ route: 'ingest.create', effect: { kind: 'status', status: 400 }, times: 1 }]);
    const error = await run(fx.client.bulk.insert('Account', rows('bad', 1))).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(400);
    expect(calls('ingest.create', 'POST')).toBe(1);
    expect(calls('ingest.list', 'GET')).toBe(0);
  });

  it('gives up after maxRetries ambiguous failures with the last error', async () => {
    await start([{ route: 'ingest.create', effect: { kind: 'status', status: 500 } }]);
    const error = await run(
      fx.client.bulk.insert('Account', rows('down', 1), { retryPolicy: { maxRetries: 2 } }),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServerError);
    expect(calls('ingest.create', 'POST')).toBe(3);
    expect(ingestJobs()).toEqual([]);
  });

  it('gives two concurrent loads hit by ambiguous creates one job each (a job is adopted once)', async () => {
    await start([{ route: 'ingest.create', effect: { kind: 'reset' }, timing: 'after', times: 2 }]);
    const [a, b] = await Promise.all([
      run(fx.client.bulk.insert('Account', rows('twinA', 30))),
      run(fx.client.bulk.insert('Account', rows('twinB', 30))),
    ]);
    expect(a.successCount + b.successCount).toBe(60);
    const keys = fx.emulator.org.records('Account').map((r) => String(r.External_Key__c));
    expect(new Set(keys).size).toBe(60);
    expect(keys).toHaveLength(60);
    expect(ingestJobs()).toHaveLength(2);
    expect(new Set([a.job.id, b.job.id]).size).toBe(2);
    expect(calls('ingest.create', 'POST')).toBe(2);
  });

  it('adopts a query job that is still running after an ambiguous create', async () => {
    await start([{ route: 'query.create', effect: { kind: 'reset' }, timing: 'after', times: 1 }], {
      recordsPerSecond: 500,
      tickMs: 20,
    });
    fx.emulator.org.insert('Account', rows('q', 20));
    const result: BulkQueryResult = await run(fx.client.bulk.query('SELECT Id, Name FROM Account'));
    expect(result.records).toHaveLength(20);
    expect(calls('query.create', 'POST')).toBe(1);
    expect(fx.emulator.jobs.list().filter((job) => job.kind === 'query')).toHaveLength(1);
  });
});

describe('reads, uploads and closes', () => {
  it('counts an upload whose first attempt landed (connection reset after) as done', async () => {
    await start([{ route: 'ingest.upload', effect: { kind: 'reset' }, timing: 'after', times: 1 }]);
    expectLoadedOnce(await run(fx.client.bulk.insert('Account', rows('up', 6))), 'up', 6);
    expect(calls('ingest.upload', 'PUT')).toBe(2);
  });

  it('goes on when a close landed but its answer was lost', async () => {
    await start([{ route: 'ingest.close', effect: { kind: 'reset' }, timing: 'after', times: 1 }]);
    expectLoadedOnce(await run(fx.client.bulk.insert('Account', rows('close', 3))), 'close', 3);
    expect(calls('ingest.close', 'PATCH')).toBe(2);
  });

  it('retries polls and result downloads on 503, resets and HTML pages', async () => {
    await start([
      { route: 'ingest.get', effect: { kind: 'status', status: 503 }, times: 2 },
      { route: 'ingest.results', effect: { kind: 'reset' }, times: 1 },
      { route: 'ingest.results', effect: { kind: 'html', status: 503 }, times: 1 },
    ]);
    expectLoadedOnce(await run(fx.client.bulk.upsert('Account', rows('read', 8), 'External_Key__c')), 'read', 8);
  });
});

describe('retryPolicy per call', () => {
  it('overrides the client policy for every request of the operation', async () => {
    fx = await startFixture({
      faults: { rules: [{ route: 'ingest.upload', effect: { kind: 'status', status: 503 }, times: 1 }] },
    });
    // the fixture's client never retries
    await expect(run(fx.client.bulk.insert('Account', rows('nope', 1)))).rejects.toBeInstanceOf(ServerError);
    fx.emulator.faults.inject({ route: 'ingest.upload', effect: { kind: 'status', status: 503 }, times: 1 });
    const result = await run(
      fx.client.bulk.insert('Account', rows('yes', 1), { retryPolicy: { maxRetries: 2, initialDelayMs: 1 } }),
    );
    expect(result.successCount).toBe(1);
  });

  it.each([
    [{ maxRetries: -1 }, 'retryPolicy.maxRetries'],
    [{ factor: 0.5 }, 'retryPolicy.factor'],
    [{ jitter: 2 }, 'retryPolicy.jitter'],
    [{ retries: 3 }, 'retries'],
    ['fast', 'retryPolicy'],
  ])('refuses %j before any request', async (retryPolicy, field) => {
    fx = await startFixture();
    const ingest = run(fx.client.bulk.insert('Account', rows('x', 1), { retryPolicy } as never)).catch(
      (e: unknown) => e,
    );
    const query = run(fx.client.bulk.query('SELECT Id FROM Account', { retryPolicy } as never)).catch(
      (e: unknown) => e,
    );
    for (const error of [await ingest, await query]) {
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).field).toContain(field);
    }
    expect(fx.emulator.stats().apiCallsUsed).toBe(0);
  });
});
