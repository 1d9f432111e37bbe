import { gzipSync } from 'node:zlib';
import { startBulkEmulator, type BulkEmulator } from '../../../src/testing/index';
import { V, call, runIngest, waitForTerminal } from './emulator-helpers';

describe('emulator HTTP surface: CORS, stats, limits', () => {
  let emu: BulkEmulator;
  afterEach(() => emu.close());

  it('answers CORS preflights and exposes the Sforce headers', async () => {
    emu = await startBulkEmulator({ processing: 'instant', cors: { origins: ['http://localhost:4200'] } });
    const preflight = await fetch(`${emu.url}/services/data/${V}/jobs/query/750000000000000AAA/results`, {
      method: 'OPTIONS',
      headers: {
        Origin: 'http://localhost:4200',
        'Access-Control-Request-Method': 'GET',
        'Access-Control-Request-Headers': 'authorization',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('http://localhost:4200');
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(
      /Authorization.*Content-Type.*Accept-Encoding.*Sforce-Call-Options/,
    );
    expect(preflight.headers.get('access-control-allow-methods')).toContain('PATCH');
    const real = await call(emu, 'GET', `/services/data/${V}/jobs/ingest`, {
      headers: { Origin: 'http://localhost:4200' },
    });
    expect(real.headers.get('access-control-allow-origin')).toBe('http://localhost:4200');
    expect(real.headers.get('access-control-expose-headers')).toMatch(
      /Sforce-Locator.*Sforce-NumberOfRecords.*Sforce-Limit-Info/,
    );
    const stranger = await call(emu, 'GET', `/services/data/${V}/jobs/ingest`, {
      headers: { Origin: 'http://evil.test' },
    });
    expect(stranger.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('sends no CORS headers by default', async () => {
    emu = await startBulkEmulator({ processing: 'instant' });
    const res = await call(emu, 'GET', `/services/data/${V}/jobs/ingest`, {
      headers: { Origin: 'http://localhost:4200' },
    });
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('counts requests by route and method, and API calls in Sforce-Limit-Info', async () => {
    emu = await startBulkEmulator({ processing: 'instant', apiRequestLimit: 1000, initialApiUsage: 10 });
    const id = await runIngest(emu, { object: 'Account', operation: 'insert' }, 'Name\nA\n');
    await waitForTerminal(emu, 'ingest', id);
    const res = await call(emu, 'GET', `/services/data/${V}/jobs/ingest/${id}`);
    expect(res.headers.get('sforce-limit-info')).toBe('api-usage=15/1000');
    const stats = emu.stats();
    expect(stats.requests).toMatchObject({
      'ingest.create': { POST: 1 },
      'ingest.upload': { PUT: 1 },
      'ingest.close': { PATCH: 1 },
      'ingest.get': { GET: 2 },
    });
    expect(stats.apiCallsUsed).toBe(15);
    expect(stats.totalRequests).toBe(5);
  });

  it('refuses data calls with 403 REQUEST_LIMIT_EXCEEDED once the allocation is used', async () => {
    emu = await startBulkEmulator({ processing: 'instant', apiRequestLimit: 3 });
    emu.setApiUsage(3);
    const res = await call(emu, 'GET', `/services/data/${V}/jobs/ingest`);
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual([
      { errorCode: 'REQUEST_LIMIT_EXCEEDED', message: 'TotalRequests Limit exceeded.' },
    ]);
  });

  it('serves /limits with the Bulk allocations', async () => {
    emu = await startBulkEmulator({ processing: 'instant' });
    await call(emu, 'POST', `/services/data/${V}/jobs/query`, {
      json: { operation: 'query', query: 'SELECT Id FROM Account' },
    });
    const limits = (await (await call(emu, 'GET', `/services/data/${V}/limits`)).json()) as Record<
      string,
      { Max: number; Remaining: number }
    >;
    expect(limits.DailyApiRequests).toEqual({ Max: 5_000_000, Remaining: 4_999_998 });
    expect(limits.DailyBulkV2QueryJobs).toEqual({ Max: 10_000, Remaining: 9_999 });
    expect(limits.DailyBulkApiBatches?.Max).toBe(15_000);
    expect(limits.DailyBulkV2QueryFileStorageMB?.Max).toBeGreaterThan(0);
  });

  it('gzips JSON when asked, and accepts gzip-compressed uploads', async () => {
    emu = await startBulkEmulator({ processing: 'instant' });
    const created = await call(emu, 'POST', `/services/data/${V}/jobs/ingest`, {
      json: { object: 'Account', operation: 'insert' },
      headers: { 'Accept-Encoding': 'gzip' },
    });
    expect(created.headers.get('content-encoding')).toBe('gzip');
    const { id } = (await created.json()) as { id: string };
    const put = await call(emu, 'PUT', `/services/data/${V}/jobs/ingest/${id}/batches`, {
      body: new Blob([gzipSync('Name\nZipped\n')]),
      headers: { 'Content-Type': 'text/csv', 'Content-Encoding': 'gzip' },
    });
    expect(put.status).toBe(201);
    expect(emu.jobs.uploadedCsv(id)).toBe('Name\nZipped\n');
  });

  it('answers 404 NOT_FOUND for unknown paths', async () => {
    emu = await startBulkEmulator({ processing: 'instant' });
    const res = await call(emu, 'GET', `/services/data/${V}/jobs/nothing`);
    expect(res.status).toBe(404);
    expect(emu.stats().requests.unknown).toEqual({ GET: 1 });
  });
});
