import { startBulkEmulator, type BulkEmulator } from '../../../src/testing/index';
import { V, call, results, runIngest, waitForTerminal } from './emulator-helpers';

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+0000$/;

describe('emulator ingest lifecycle', () => {
  let emu: BulkEmulator;
  beforeEach(async () => {
    emu = await startBulkEmulator({ processing: 'instant' });
  });
  afterEach(() => emu.close());

  it('creates an Open job with the documented create fields', async () => {
    const res = await call(emu, 'POST', `/services/data/${V}/jobs/ingest`, {
      json: { object: 'Account', operation: 'insert', lineEnding: 'LF' },
    });
    expect(res.status).toBe(200);
    const job = (await res.json()) as Record<string, unknown>;
    expect(job).toMatchObject({
      operation: 'insert',
      object: 'Account',
      state: 'Open',
      concurrencyMode: 'Parallel',
      contentType: 'CSV',
      apiVersion: 66,
      lineEnding: 'LF',
      columnDelimiter: 'COMMA',
    });
    expect(job.id).toMatch(/^750[a-zA-Z0-9]{15}$/);
    expect(job.createdById).toMatch(/^005[a-zA-Z0-9]{15}$/);
    expect(job.createdDate).toMatch(TIMESTAMP);
    expect(job.contentUrl).toBe(`services/data/v66.0/jobs/ingest/${String(job.id)}/batches`);
    expect(job).not.toHaveProperty('jobType');
    expect(job).not.toHaveProperty('numberRecordsProcessed');
  });

  it('runs insert end to end: data lands in the org and results echo the rows', async () => {
    const id = await runIngest(
      emu,
      { object: 'Account', operation: 'insert' },
      'Name,Industry,AnnualRevenue\nAcme,Energy,912260031\n"Globex, Inc.",,100\n',
    );
    const { states, info } = await waitForTerminal(emu, 'ingest', id);
    expect(states).toEqual(['JobComplete']);
    expect(info).toMatchObject({ numberRecordsProcessed: 2, numberRecordsFailed: 0, jobType: 'V2Ingest' });
    expect(info).not.toHaveProperty('contentUrl');

    const rows = emu.org.records('Account');
    expect(rows.map((r) => r.Name)).toEqual(['Acme', 'Globex, Inc.']);
    expect(rows[0]).toMatchObject({ Industry: 'Energy', AnnualRevenue: 912260031, IsDeleted: false });
    expect(rows[1]?.Industry).toBeNull();

    const ok = await results(emu, id, 'successfulResults');
    const lines = ok.trimEnd().split('\n');
    expect(lines[0]).toBe('"sf__Id","sf__Created",Name,Industry,AnnualRevenue');
    expect(lines[1]).toBe(`"${String(rows[0]?.Id)}","true","Acme","Energy","9.12260031E8"`);
    expect(lines[2]).toBe(`"${String(rows[1]?.Id)}","true","Globex, Inc.","","100.0"`);
    expect(await results(emu, id, 'failedResults')).toBe('"sf__Id","sf__Error",Name,Industry,AnnualRevenue\n');
    expect(await results(emu, id, 'unprocessedrecords')).toBe('Name,Industry,AnnualRevenue\n');
  });

  it('accepts result paths case-insensitively and with a trailing slash', async () => {
    const id = await runIngest(emu, { object: 'Account', operation: 'insert' }, 'Name\nA\n');
    await waitForTerminal(emu, 'ingest', id);
    expect(await results(emu, id, 'unprocessedRecords/')).toBe('Name\n');
    expect(await results(emu, id, 'successfulresults')).toContain('"true","A"');
  });

  it('deletes a finished job (204), after which it is 404', async () => {
    const id = await runIngest(emu, { object: 'Account', operation: 'insert' }, 'Name\nA\n');
    await waitForTerminal(emu, 'ingest', id);
    const del = await call(emu, 'DELETE', `/services/data/${V}/jobs/ingest/${id}`);
    expect(del.status).toBe(204);
    expect(await del.text()).toBe('');
    const get = await call(emu, 'GET', `/services/data/${V}/jobs/ingest/${id}`);
    expect(get.status).toBe(404);
    expect(await get.json()).toEqual([{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }]);
    expect(emu.jobs.get(id)).toBeUndefined();
  });

  it('shows the Open job with timings 0 and contentUrl, then the closed one with counters', async () => {
    const created = await call(emu, 'POST', `/services/data/${V}/jobs/ingest`, {
      json: { object: 'Contact', operation: 'insert' },
    });
    const { id } = (await created.json()) as { id: string };
    const open = (await (await call(emu, 'GET', `/services/data/${V}/jobs/ingest/${id}`)).json()) as Record<
      string,
      unknown
    >;
    expect(open).toMatchObject({
      state: 'Open',
      jobType: 'V2Ingest',
      totalProcessingTime: 0,
      apexProcessingTime: 0,
      retries: 0,
    });
    expect(open).toHaveProperty('contentUrl');
    expect(open).not.toHaveProperty('numberRecordsProcessed');
    expect(emu.jobs.get(id)).toMatchObject({ kind: 'ingest', state: 'Open', hasUpload: false });
  });

  it('records the API version of the job and serves any version from 41.0 to 67.0', async () => {
    const id = await runIngest(emu, { object: 'Account', operation: 'insert' }, 'Name\nA\n', 'v41.0');
    expect(emu.jobs.get(id)?.apiVersion).toBe(41);
    expect((await call(emu, 'GET', `/services/data/v67.0/jobs/ingest/${id}`)).status).toBe(200);
    expect((await call(emu, 'GET', `/services/data/v40.0/jobs/ingest`)).status).toBe(404);
    expect((await call(emu, 'GET', `/services/data/v68.0/jobs/ingest`)).status).toBe(404);
    expect((await call(emu, 'GET', `/services/data/v30.0/jobs/ingest`)).status).toBe(410);
  });

  it('lists jobs with paging and an opaque queryLocator', async () => {
    await emu.close();
    emu = await startBulkEmulator({ processing: 'instant', listPageSize: 2 });
    for (let i = 0; i < 3; i++) {
      await call(emu, 'POST', `/services/data/${V}/jobs/ingest`, { json: { object: 'Account', operation: 'insert' } });
    }
    await call(emu, 'POST', `/services/data/${V}/jobs/query`, {
      json: { operation: 'query', query: 'SELECT Id FROM Account' },
    });
    const first = (await (await call(emu, 'GET', `/services/data/${V}/jobs/ingest`)).json()) as {
      done: boolean;
      records: { id: string; jobType: string }[];
      nextRecordsUrl: string;
    };
    expect(first.done).toBe(false);
    expect(first.records).toHaveLength(2);
    expect(first.records.every((r) => r.jobType === 'V2Ingest')).toBe(true);
    expect(first.nextRecordsUrl).toMatch(/^\/services\/data\/v66\.0\/jobs\/ingest\?queryLocator=/);
    const second = (await (await call(emu, 'GET', first.nextRecordsUrl)).json()) as {
      done: boolean;
      records: unknown[];
      nextRecordsUrl: unknown;
    };
    expect(second).toMatchObject({ done: true, nextRecordsUrl: null });
    expect(second.records).toHaveLength(1);
    const queries = (await (await call(emu, 'GET', `/services/data/${V}/jobs/query`)).json()) as {
      records: { jobType: string }[];
    };
    expect(queries.records.map((r) => r.jobType)).toEqual(['V2Query']);
  });
});
