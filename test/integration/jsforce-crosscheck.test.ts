import { Connection } from 'jsforce';
import { startBulkEmulator } from '../../src/testing/index.js';
import type { BulkEmulator } from '../../src/testing/index.js';

// A third-party client, unmodified, against the emulator: if jsforce 3 works here the emulator
// speaks the wire protocol the way clients written against real Salesforce expect.

const FAST_POLLING = { pollInterval: 20, pollTimeout: 10_000 };

let emulator: BulkEmulator;

beforeEach(async () => {
  emulator = await startBulkEmulator({ processing: { recordsPerSecond: 2_000, tickMs: 10 } });
});

// close() also destroys keep-alive sockets jsforce's fetch may still hold
afterEach(async () => emulator.close());

function connect(): Connection {
  const conn = new Connection({ instanceUrl: emulator.url, accessToken: emulator.accessToken, version: '62.0' });
  conn.bulk2.pollInterval = FAST_POLLING.pollInterval;
  conn.bulk2.pollTimeout = FAST_POLLING.pollTimeout;
  return conn;
}

type RecordStream = Awaited<ReturnType<Connection['bulk2']['query']>>;

/** Collects every record of a jsforce record stream (its CSV parsing starts on the first 'record' listener). */
function collect(stream: RecordStream): Promise<Record<string, string>[]> {
  return new Promise((resolve, reject) => {
    const rows: Record<string, string>[] = [];
    stream.on('record', (row: Record<string, string>) => rows.push(row));
    stream.on('end', () => resolve(rows));
    stream.on('error', reject);
  });
}

describe('jsforce 3 bulk2 against the emulator', () => {
  it('loadAndWaitForResults inserts the records and reports their ids and failures', async () => {
    const conn = connect();
    const input = [
      { Name: 'Acme, Inc.', Industry: 'Tech', NumberOfEmployees: 12, Active__c: true },
      { Name: 'Globex "Global"', Industry: 'Energy', NumberOfEmployees: 300, Active__c: false },
      { Name: 'Initech', Industry: null },
      { Industry: 'Nameless' }, // Name is required: this row fails
    ];

    const results = await conn.bulk2.loadAndWaitForResults({
      object: 'Account',
      operation: 'insert',
      input,
      ...FAST_POLLING,
    });

    const rows = emulator.org.records('Account');
    expect(rows.map((r) => r.Name).sort()).toEqual(['Acme, Inc.', 'Globex "Global"', 'Initech']);
    const acme = rows.find((r) => r.Name === 'Acme, Inc.');
    expect(acme).toMatchObject({ Industry: 'Tech', NumberOfEmployees: 12, Active__c: true });
    expect(rows.find((r) => r.Name === 'Globex "Global"')?.Active__c).toBe(false);
    expect(rows.find((r) => r.Name === 'Initech')?.Industry ?? null).toBeNull();

    const successful = results.successfulResults;
    expect(successful).toHaveLength(3);
    expect(new Set(successful.map((r) => r.sf__Id))).toEqual(new Set(rows.map((r) => r.Id)));
    expect(successful.every((r) => r.sf__Created === 'true')).toBe(true);
    // jsforce types result rows as sf__ columns plus the object's schema; the echoed columns are plain strings
    const byName = new Map(successful.map((r) => [(r as Record<string, unknown>).Name, r.sf__Id]));
    expect(byName.get('Acme, Inc.')).toBe(acme?.Id);

    expect(results.failedResults).toHaveLength(1);
    expect(results.failedResults[0]?.sf__Error).toBe(
      'REQUIRED_FIELD_MISSING:Required fields are missing: [Name]:Name --',
    );
    expect((results.failedResults[0] as Record<string, unknown> | undefined)?.Industry).toBe('Nameless');
    expect(results.unprocessedRecords).toHaveLength(0);

    const [job] = emulator.jobs.list();
    expect(job).toMatchObject({
      kind: 'ingest',
      state: 'JobComplete',
      apiVersion: 62,
      numberRecordsProcessed: 4,
      numberRecordsFailed: 1,
    });
  });

  it('runs a one-page bulk2.query and returns the org rows', async () => {
    const ids = emulator.org.insert('Account', [
      { Name: 'Alpha' },
      { Name: 'Beta, "quoted"' },
      { Name: 'Gamma\nmultiline' },
    ]);
    const conn = connect();

    const stream = await conn.bulk2.query('SELECT Id, Name FROM Account', FAST_POLLING);
    const rows = await collect(stream);

    expect(rows).toHaveLength(3);
    expect(rows.map((r) => Object.keys(r))).toEqual([
      ['Id', 'Name'],
      ['Id', 'Name'],
      ['Id', 'Name'],
    ]);
    const expected = emulator.org.records('Account').map((r) => ({ Id: r.Id, Name: r.Name }));
    expect(rows).toEqual(expect.arrayContaining(expected));
    expect(new Set(rows.map((r) => r.Id))).toEqual(new Set(ids));

    const [job] = emulator.jobs.list();
    expect(job).toMatchObject({ kind: 'query', state: 'JobComplete', numberRecordsProcessed: 3 });
    expect(emulator.stats().requests['query.results']?.GET).toBe(1);
  });

  it('round-trips: rows jsforce inserts come back from its query', async () => {
    const conn = connect();
    const input = Array.from({ length: 250 }, (_, i) => ({ Name: `Bulk ${i}`, External_Key__c: `K-${i}` }));
    const loaded = await conn.bulk2.loadAndWaitForResults({
      object: 'Account',
      operation: 'insert',
      input,
      ...FAST_POLLING,
    });
    expect(loaded.successfulResults).toHaveLength(250);

    const rows = await collect(
      await conn.bulk2.query("SELECT Id, Name FROM Account WHERE Name LIKE 'Bulk 1%'", FAST_POLLING),
    );
    const expectedNames = input.map((r) => r.Name).filter((n) => n.startsWith('Bulk 1'));
    expect(rows.map((r) => r.Name).sort()).toEqual(expectedNames.sort());
    expect(emulator.org.count('Account')).toBe(250);
  });
});
