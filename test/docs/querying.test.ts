import { from, type Observable } from 'rxjs';
import { AccessTokenAuthenticator, fixedPolling, SalesforceClient, type QueryRecord } from 'kinetic-core';
import { startBulkEmulator, type BulkEmulator } from 'kinetic-core/testing';
import {
  everythingAtOnce,
  nestedRows,
  pagesOneAtATime,
  parallelPages,
  pullWithCursor,
  streamRows,
  typedRows,
} from '../../docs/examples/querying.js';

// docs/querying.md, run against the emulator.
describe('docs/querying.md', () => {
  let emulator: BulkEmulator;
  let client: SalesforceClient;
  let log: jest.SpyInstance;
  const lines = (): string[] => log.mock.calls.map((call) => call.map(String).join(' '));

  beforeEach(async () => {
    log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    emulator = await startBulkEmulator({ processing: 'instant', queryPageSize: 2 });
    client = new SalesforceClient({
      auth: new AccessTokenAuthenticator({ instanceUrl: emulator.url, accessToken: emulator.accessToken }),
      pollPolicy: fixedPolling(20),
    });
    const [groupId] = emulator.org.insert('Account', [{ Name: 'Acme Group', Active__c: 'true' }]);
    const [acmeId] = emulator.org.insert('Account', [
      {
        Name: 'Acme',
        AnnualRevenue: '1500000.5',
        NumberOfEmployees: '42',
        Active__c: 'true',
        ParentId: groupId ?? null,
      },
      { Name: 'Globex', Active__c: 'false' },
    ]);
    emulator.org.insert('Contact', [{ LastName: 'Lovelace', AccountId: acmeId ?? null }, { LastName: 'Hopper' }]);
  });

  afterEach(async () => {
    log.mockRestore();
    await client.whenSettled();
    await emulator.close();
  });

  async function until(condition: () => boolean): Promise<void> {
    const deadline = Date.now() + 20_000;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error(`not reached in 20 s; logged: ${JSON.stringify(lines())}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  it('query(): the events, then the promise of the result', async () => {
    await everythingAtOnce(client);
    await until(() => lines().some((line) => line.startsWith('3 ')));
    expect(lines()).toContain('2 null');
    expect(lines()).toContain('JobComplete');
  });

  it('queryRecords(): rows pushed as pages arrive, with a parent column', async () => {
    const indexed: QueryRecord[] = [];
    streamRows(client, (row) => indexed.push(row));
    await until(() => lines().includes('done'));
    expect(indexed.map((row) => [row.Name, row['Parent.Name']])).toEqual([
      ['Acme Group', ''],
      ['Acme', 'Acme Group'],
      ['Globex', ''],
    ]);
  });

  it('the cursor example, with its own emulator: three pages read one after another', async () => {
    await pullWithCursor();
    expect(lines()).toEqual(['page 0: 10000 rows', 'page 1: 10000 rows', 'page 2: 5000 rows']);
  }, 30_000);

  it('queryPages(): the next page only after the work on this one', async () => {
    const written: number[] = [];
    pagesOneAtATime(client, { insertMany: (records): Observable<number> => from([written.push(records.length)]) });
    await until(() => lines().includes('exported'));
    expect(written).toEqual([3]); // maxRecords: 20_000 asks for pages of up to 20,000 rows
  });

  it('parallel result pages', async () => {
    parallelPages(client);
    await until(() => lines().length === 3);
    expect(new Set(lines()).size).toBe(3);
  });

  it('typed rows: numbers, booleans and dates converted by the schema', async () => {
    typedRows(client);
    await until(() => lines().length === 3);
    expect(lines().map((line) => line.replace(/\d{4}-\d\d-\d\dT[\d:.]+Z/, '<date>'))).toEqual([
      'Acme Group undefined <date>',
      'Acme 1500000.50 <date>',
      'Globex undefined <date>',
    ]);
  });

  it('nested rows: relationship columns as objects, null without a parent', async () => {
    nestedRows(client);
    await until(() => log.mock.calls.length === 2);
    expect(log.mock.calls.map(([contact]: unknown[]) => contact)).toEqual([
      { Id: expect.stringMatching(/^003/), Account: { Name: 'Acme', Parent: { Name: 'Acme Group' } } },
      { Id: expect.stringMatching(/^003/), Account: null },
    ]);
  });
});
