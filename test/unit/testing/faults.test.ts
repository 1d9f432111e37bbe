import { startBulkEmulator, type BulkEmulator } from '../../../src/testing/index';
import { V, call } from './emulator-helpers';

const LIST = `/services/data/${V}/jobs/ingest`;

async function statuses(seed: number, calls: number): Promise<number[]> {
  const emu = await startBulkEmulator({
    processing: 'instant',
    faults: { seed, rules: [{ route: 'ingest.list', probability: 0.5, effect: { kind: 'status', status: 503 } }] },
  });
  try {
    const out: number[] = [];
    for (let i = 0; i < calls; i++) out.push((await call(emu, 'GET', LIST)).status);
    return out;
  } finally {
    await emu.close();
  }
}

describe('emulator faults', () => {
  let emu: BulkEmulator;
  beforeEach(async () => {
    emu = await startBulkEmulator({ processing: 'instant' });
  });
  afterEach(() => emu.close());

  it('hits the same calls for the same seed', async () => {
    const a = await statuses(42, 24);
    const b = await statuses(42, 24);
    const c = await statuses(7, 24);
    expect(a).toEqual(b);
    expect(new Set(a)).toEqual(new Set([200, 503]));
    expect(c).not.toEqual(a);
  });

  it('plays a scripted schedule: the next N calls of one route fail, then it recovers', async () => {
    const handle = emu.faults.next('ingest.list', 2, { kind: 'status', status: 503 });
    const first = await call(emu, 'GET', LIST);
    expect(first.status).toBe(503);
    expect(await first.json()).toEqual([{ errorCode: 'SERVER_UNAVAILABLE', message: expect.any(String) as string }]);
    expect(handle.remaining).toBe(1);
    expect((await call(emu, 'GET', `/services/data/${V}/limits`)).status).toBe(200);
    expect((await call(emu, 'GET', LIST)).status).toBe(503);
    expect((await call(emu, 'GET', LIST)).status).toBe(200);
  });

  it('sends 403 REQUEST_LIMIT_EXCEEDED, 429 with Retry-After, and HTML pages', async () => {
    emu.faults.next('ingest.list', 1, { kind: 'status', status: 403 });
    emu.faults.next('ingest.list', 1, { kind: 'status', status: 429, retryAfterSeconds: 3 });
    emu.faults.next('ingest.list', 1, { kind: 'html', status: 502 });
    const limit = await call(emu, 'GET', LIST);
    expect(limit.status).toBe(403);
    expect(await limit.json()).toEqual([
      { message: 'TotalRequests Limit exceeded.', errorCode: 'REQUEST_LIMIT_EXCEEDED' },
    ]);
    const busy = await call(emu, 'GET', LIST);
    expect(busy.status).toBe(429);
    expect(busy.headers.get('retry-after')).toBe('3');
    const html = await call(emu, 'GET', LIST);
    expect(html.status).toBe(502);
    expect(html.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await html.text()).toMatch(/<html>/);
  });

  it('resets the connection before creating, leaving no job', async () => {
    emu.faults.next('ingest.create', 1, { kind: 'reset' });
    await expect(call(emu, 'POST', LIST, { json: { object: 'Account', operation: 'insert' } })).rejects.toThrow();
    expect(emu.jobs.list()).toHaveLength(0);
  });

  it('creates the job, then resets the connection (ambiguous failure)', async () => {
    emu.faults.next('ingest.create', 1, { kind: 'reset' }, { timing: 'after' });
    await expect(call(emu, 'POST', LIST, { json: { object: 'Account', operation: 'insert' } })).rejects.toThrow();
    expect(emu.jobs.list().map((j) => j.state)).toEqual(['Open']);
  });

  it('targets close and abort separately', async () => {
    const created = await call(emu, 'POST', LIST, { json: { object: 'Account', operation: 'insert' } });
    const { id } = (await created.json()) as { id: string };
    emu.faults.inject({ route: 'ingest.close', effect: { kind: 'status', status: 500 } });
    const close = await call(emu, 'PATCH', `${LIST}/${id}`, { json: { state: 'UploadComplete' } });
    expect(close.status).toBe(500);
    const abort = await call(emu, 'PATCH', `${LIST}/${id}`, { json: { state: 'Aborted' } });
    expect(abort.status).toBe(200);
    expect(emu.stats().requests['ingest.close']).toEqual({ PATCH: 1 });
    expect(emu.stats().requests['ingest.abort']).toEqual({ PATCH: 1 });
  });

  it('adds latency with an RxJS timer', async () => {
    emu.faults.next('limits.get', 1, { kind: 'latency', ms: 150 });
    const started = Date.now();
    expect((await call(emu, 'GET', `/services/data/${V}/limits`)).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('clears every rule', async () => {
    emu.faults.inject({ route: '*', effect: { kind: 'status', status: 503 } });
    expect((await call(emu, 'GET', LIST)).status).toBe(503);
    emu.faults.clear();
    expect((await call(emu, 'GET', LIST)).status).toBe(200);
  });
});
