import { startBulkEmulator, type BulkEmulator } from '../../../src/testing/index';
import { V, call, pause, results, runIngest, waitForTerminal } from './emulator-helpers';

const csvOf = (n: number): string => `Name\n${Array.from({ length: n }, (_, i) => `Row ${i}`).join('\n')}\n`;

describe('emulator processing engine', () => {
  let emu: BulkEmulator;
  afterEach(() => emu.close());

  it('moves a job UploadComplete -> InProgress (counters rising) -> JobComplete at the configured rate', async () => {
    emu = await startBulkEmulator({ processing: { recordsPerSecond: 2000, tickMs: 20 } });
    const id = await runIngest(emu, { object: 'Account', operation: 'insert' }, csvOf(400));
    const states: string[] = [];
    const counts: number[] = [];
    for (let i = 0; i < 300; i++) {
      const job = emu.jobs.get(id);
      if (!job) throw new Error('job vanished');
      if (states[states.length - 1] !== job.state) states.push(job.state);
      if (counts[counts.length - 1] !== job.numberRecordsProcessed) counts.push(job.numberRecordsProcessed);
      if (job.state === 'JobComplete') break;
      await pause(5);
    }
    expect(states).toEqual(['UploadComplete', 'InProgress', 'JobComplete']);
    expect(counts.length).toBeGreaterThanOrEqual(4);
    expect([...counts].sort((a, b) => a - b)).toEqual(counts);
    expect(counts[counts.length - 1]).toBe(400);
    const info = (await (await call(emu, 'GET', `/services/data/${V}/jobs/ingest/${id}`)).json()) as Record<
      string,
      number
    >;
    expect(info.totalProcessingTime).toBeGreaterThan(0);
    expect(info.apiActiveProcessingTime).toBeLessThanOrEqual(info.totalProcessingTime ?? 0);
  });

  it('leaves the rest unprocessed when a job is aborted mid-processing', async () => {
    emu = await startBulkEmulator({ processing: { recordsPerSecond: 1000, tickMs: 20 } });
    const id = await runIngest(emu, { object: 'Account', operation: 'insert' }, csvOf(500));
    while ((emu.jobs.get(id)?.numberRecordsProcessed ?? 0) === 0) await pause(5);
    const aborted = await call(emu, 'PATCH', `/services/data/${V}/jobs/ingest/${id}`, { json: { state: 'Aborted' } });
    expect(aborted.status).toBe(200);
    const processed = emu.jobs.get(id)?.numberRecordsProcessed ?? 0;
    expect(processed).toBeGreaterThan(0);
    expect(processed).toBeLessThan(500);
    await pause(60);
    expect(emu.jobs.get(id)?.numberRecordsProcessed).toBe(processed);
    expect(emu.org.count('Account')).toBe(processed);
    const unprocessed = (await results(emu, id, 'unprocessedrecords')).trimEnd().split('\n');
    expect(unprocessed).toHaveLength(1 + 500 - processed);
    expect(unprocessed[1]).toBe(`"Row ${processed}"`);
  });

  it('fails the next job on request, after the requested number of rows', async () => {
    emu = await startBulkEmulator({ processing: 'instant' });
    emu.failNextJob('InvalidBatch : simulated failure', { afterRecords: 2 });
    const id = await runIngest(emu, { object: 'Account', operation: 'insert' }, csvOf(5));
    const { info } = await waitForTerminal(emu, 'ingest', id);
    expect(info).toMatchObject({
      state: 'Failed',
      errorMessage: 'InvalidBatch : simulated failure',
      numberRecordsProcessed: 2,
    });
    expect((await results(emu, id, 'unprocessedrecords')).trimEnd().split('\n')).toHaveLength(4);
    const next = await runIngest(emu, { object: 'Account', operation: 'insert' }, csvOf(1));
    expect((await waitForTerminal(emu, 'ingest', next)).info.state).toBe('JobComplete');
  });

  it('takes query jobs through the same states and can fail them', async () => {
    emu = await startBulkEmulator({ processing: { recordsPerSecond: 100_000, tickMs: 10 } });
    emu.org.insert('Account', [{ Name: 'A' }]);
    const create = async (): Promise<string> => {
      const res = await call(emu, 'POST', `/services/data/${V}/jobs/query`, {
        json: { operation: 'query', query: 'SELECT Name FROM Account' },
      });
      return ((await res.json()) as { id: string }).id;
    };
    const ok = await create();
    const { states } = await waitForTerminal(emu, 'query', ok);
    expect(states[states.length - 1]).toBe('JobComplete');
    // the first poll may come after the engine's first tick on a busy machine
    expect(['UploadComplete', 'InProgress']).toContain(states[0]);
    emu.failNextJob('simulated', { kind: 'query' });
    const failed = await create();
    expect((await waitForTerminal(emu, 'query', failed)).info.state).toBe('Failed');
  });

  it('snapshots query rows when processing starts, not at create time', async () => {
    emu = await startBulkEmulator({ processing: { recordsPerSecond: 100_000, tickMs: 30 } });
    const res = await call(emu, 'POST', `/services/data/${V}/jobs/query`, {
      json: { operation: 'query', query: 'SELECT Name FROM Account' },
    });
    const { id } = (await res.json()) as { id: string };
    emu.org.insert('Account', [{ Name: 'Late' }]);
    await waitForTerminal(emu, 'query', id);
    expect(await (await call(emu, 'GET', `/services/data/${V}/jobs/query/${id}/results`)).text()).toBe(
      '"Name"\n"Late"\n',
    );
  });
});
