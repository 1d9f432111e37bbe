import { gunzipSync } from 'node:zlib';
import { request } from 'node:http';
import { startBulkEmulator, type BulkEmulator, type BulkEmulatorOptions } from '../../../src/testing/index';
import { V, call, waitForTerminal } from './emulator-helpers';

async function query(
  emu: BulkEmulator,
  soql: string,
  version = V,
  extra: Record<string, unknown> = {},
): Promise<string> {
  const res = await call(emu, 'POST', `/services/data/${version}/jobs/query`, {
    json: { operation: 'query', query: soql, ...extra },
  });
  expect(res.status).toBe(200);
  const job = (await res.json()) as { id: string; state: string; object: string };
  expect(job.state).toBe('UploadComplete');
  await waitForTerminal(emu, 'query', job.id, version);
  return job.id;
}

/** Raw GET without fetch's transparent decompression, to see Content-Encoding as sent. */
function rawGet(
  emu: BulkEmulator,
  path: string,
  headers: Record<string, string>,
): Promise<{ headers: Record<string, unknown>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${emu.url}${path}`,
      { headers: { Authorization: `Bearer ${emu.accessToken}`, ...headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('emulator query jobs', () => {
  let emu: BulkEmulator;
  const start = async (options: BulkEmulatorOptions = {}): Promise<void> => {
    emu = await startBulkEmulator({ processing: 'instant', ...options });
    emu.org.insert(
      'Account',
      Array.from({ length: 7 }, (_, i) => ({ Name: `Acct ${i}`, NumberOfEmployees: i, Active__c: i % 2 === 0 })),
    );
  };
  beforeEach(() => start());
  afterEach(() => emu.close());

  it('pages results with Sforce-Locator (base64 offsets) and maxRecords', async () => {
    const id = await query(emu, 'SELECT Name, NumberOfEmployees FROM Account ORDER BY NumberOfEmployees');
    const info = (await (await call(emu, 'GET', `/services/data/${V}/jobs/query/${id}`)).json()) as Record<
      string,
      unknown
    >;
    expect(info).toMatchObject({
      state: 'JobComplete',
      jobType: 'V2Query',
      numberRecordsProcessed: 7,
      object: 'Account',
      operation: 'query',
    });
    const pages: string[] = [];
    const locators: string[] = [];
    let locator: string | null = null;
    do {
      const qs: string = locator ? `?maxRecords=3&locator=${locator}` : '?maxRecords=3';
      const res = await call(emu, 'GET', `/services/data/${V}/jobs/query/${id}/results${qs}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/csv; charset=UTF-8');
      locator = res.headers.get('sforce-locator');
      locators.push(String(locator));
      pages.push(`${res.headers.get('sforce-numberofrecords')}:${await res.text()}`);
      if (locator === 'null') locator = null;
    } while (locator);
    expect(locators).toEqual(['Mw', 'Ng', 'null']);
    expect(pages[0]).toBe('3:"Name","NumberOfEmployees"\n"Acct 0","0"\n"Acct 1","1"\n"Acct 2","2"\n');
    expect(pages[2]).toBe('1:"Name","NumberOfEmployees"\n"Acct 6","6"\n');
  });

  it('formats nulls, booleans and parent fields; header = select list as written', async () => {
    const [acc] = emu.org.insert('Account', [{ Name: 'Parent', External_Key__c: 'P' }]);
    emu.org.insert('Contact', [
      { LastName: 'Kid', AccountId: String(acc), Birthdate: '2001-02-03' },
      { LastName: 'Orphan' },
    ]);
    const id = await query(emu, 'SELECT lastname, Account.Name, Birthdate, DoNotCall FROM Contact ORDER BY LastName');
    const text = await (await call(emu, 'GET', `/services/data/${V}/jobs/query/${id}/results`)).text();
    expect(text).toBe(
      '"lastname","Account.Name","Birthdate","DoNotCall"\n"Kid","Parent","2001-02-03","false"\n"Orphan","","","false"\n',
    );
  });

  it('rejects invalid SOQL at create time with 400 and a SOQL error code', async () => {
    const malformed = await call(emu, 'POST', `/services/data/${V}/jobs/query`, {
      json: { operation: 'query', query: 'SELEKT Id FROM Account' },
    });
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { errorCode: string }[])[0]?.errorCode).toBe('MALFORMED_QUERY');
    const field = await call(emu, 'POST', `/services/data/${V}/jobs/query`, {
      json: { operation: 'query', query: 'SELECT Nope__c FROM Account' },
    });
    expect(field.status).toBe(400);
    expect(((await field.json()) as { errorCode: string }[])[0]?.errorCode).toBe('INVALID_FIELD');
  });

  it('answers 409 when results are read with another API version than the job', async () => {
    const id = await query(emu, 'SELECT Id FROM Account', 'v60.0');
    expect((await call(emu, 'GET', `/services/data/v60.0/jobs/query/${id}/results`)).status).toBe(200);
    const res = await call(emu, 'GET', `/services/data/v61.0/jobs/query/${id}/results`);
    expect(res.status).toBe(409);
    expect((await call(emu, 'GET', `/services/data/v61.0/jobs/query/${id}/resultPages`)).status).toBe(409);
  });

  it('refuses results of an unfinished job with JOB_NOT_COMPLETE', async () => {
    await emu.close();
    await start({ processing: { recordsPerSecond: 1, tickMs: 10_000 } });
    const res = await call(emu, 'POST', `/services/data/${V}/jobs/query`, {
      json: { operation: 'query', query: 'SELECT Id FROM Account' },
    });
    const { id } = (await res.json()) as { id: string };
    const results = await call(emu, 'GET', `/services/data/${V}/jobs/query/${id}/results`);
    expect(results.status).toBe(400);
    const [error] = (await results.json()) as { errorCode: string; message: string }[];
    expect(error?.errorCode).toBe('JOB_NOT_COMPLETE');
    expect(error?.message).toContain('Current status: UPLOAD_COMPLETE');
    const aborted = await call(emu, 'PATCH', `/services/data/${V}/jobs/query/${id}`, { json: { state: 'Aborted' } });
    expect(((await aborted.json()) as { state: string }).state).toBe('Aborted');
    expect((await call(emu, 'DELETE', `/services/data/${V}/jobs/query/${id}`)).status).toBe(204);
  });

  it('serves resultPages in the documented shape, five URLs at a time', async () => {
    const id = await query(emu, 'SELECT Name FROM Account');
    const first = (await (
      await call(emu, 'GET', `/services/data/${V}/jobs/query/${id}/resultPages?maxRecords=1`)
    ).json()) as {
      resultPages: { resultUrl: string }[];
      nextRecordsUrl: string;
      done: boolean;
    };
    expect(first.resultPages).toHaveLength(5);
    expect(first.done).toBe(false);
    const second = (await (await call(emu, 'GET', first.nextRecordsUrl)).json()) as typeof first;
    expect(second).toMatchObject({ done: true, nextRecordsUrl: null });
    const urls = [...first.resultPages, ...second.resultPages].map((p) => p.resultUrl);
    const bodies = await Promise.all(urls.map(async (u) => (await call(emu, 'GET', u)).text()));
    expect(bodies.map((b) => b.split('\n')[1])).toEqual(Array.from({ length: 7 }, (_, i) => `"Acct ${i}"`));
  });

  it('serves resultPages in the observed resultChunks shape, or not at all', async () => {
    await emu.close();
    await start({ resultPages: 'observed' });
    const id = await query(emu, 'SELECT Name FROM Account');
    const body = (await (await call(emu, 'GET', `/services/data/${V}/jobs/query/${id}/resultpages`)).json()) as Record<
      string,
      unknown
    >;
    expect(body).toEqual({
      resultChunks: [{ resultLink: `/services/data/${V}/jobs/query/${id}/results?maxRecords=10000` }],
      nextRecordsUrl: null,
      done: true,
    });
    const old = await query(emu, 'SELECT Name FROM Account', 'v57.0');
    expect((await call(emu, 'GET', `/services/data/v57.0/jobs/query/${old}/resultPages`)).status).toBe(404);
    await emu.close();
    await start({ resultPages: 'disabled' });
    const none = await query(emu, 'SELECT Name FROM Account');
    expect((await call(emu, 'GET', `/services/data/${V}/jobs/query/${none}/resultPages`)).status).toBe(404);
  });

  it('gzips results when asked', async () => {
    const id = await query(emu, 'SELECT Name FROM Account');
    const path = `/services/data/${V}/jobs/query/${id}/results`;
    const zipped = await rawGet(emu, path, { 'Accept-Encoding': 'gzip' });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(zipped.body).toString('utf8')).toMatch(/^"Name"\n"Acct 0"\n/);
    const plain = await rawGet(emu, path, {});
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString('utf8')).toMatch(/^"Name"\n/);
  });

  it('streams a large result page', async () => {
    emu.org.insert(
      'Account',
      Array.from({ length: 20_000 }, (_, i) => ({ Name: `Bulk ${i}` })),
    );
    const id = await query(emu, "SELECT Name FROM Account WHERE Name LIKE 'Bulk%'");
    const res = await call(emu, 'GET', `/services/data/${V}/jobs/query/${id}/results?maxRecords=50000`);
    const text = await res.text();
    expect(res.headers.get('sforce-numberofrecords')).toBe('20000');
    expect(text.split('\n')).toHaveLength(20_002);
  });
});
