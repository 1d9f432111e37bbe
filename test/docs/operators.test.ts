import { lastValueFrom, toArray } from 'rxjs';
import { AccessTokenAuthenticator, fixedPolling, SalesforceClient } from 'kinetic-core';
import type { Progress } from 'kinetic-core/operators';
import { startBulkEmulator, type BulkEmulator } from 'kinetic-core/testing';
import {
  cancelFromUi,
  insertWithTimeout,
  manyJobsAtOnce,
  upsertRetryingFailedRows,
} from '../../docs/examples/operators.js';

// docs/operators.md, run against the emulator.
describe('docs/operators.md', () => {
  let emulator: BulkEmulator;
  let client: SalesforceClient;
  let log: jest.SpyInstance;

  async function start(processing: 'instant' | { recordsPerSecond: number } = 'instant'): Promise<void> {
    emulator = await startBulkEmulator({ processing });
    client = new SalesforceClient({
      auth: new AccessTokenAuthenticator({ instanceUrl: emulator.url, accessToken: emulator.accessToken }),
      pollPolicy: fixedPolling(20),
    });
  }

  beforeEach(() => {
    log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
  });

  afterEach(async () => {
    log.mockRestore();
    await client.whenSettled();
    await emulator.close();
  });

  const lines = (): string[] => log.mock.calls.map((call) => call.join(' '));

  async function until(condition: () => boolean): Promise<void> {
    const deadline = Date.now() + 20_000;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error('not reached in 20 s');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  it('timeoutJob: a load that finishes in time', async () => {
    await start();
    const result = await insertWithTimeout(client, [{ Name: 'Acme' }, { Name: 'Globex' }]);
    expect(result.successCount).toBe(2);
  });

  it('cancellation from a UI: the click aborts the job on the server, then render gets done', async () => {
    await start({ recordsPerSecond: 200 });
    const shown: (Progress | 'done')[] = [];
    const button = new EventTarget();
    const rows = Array.from({ length: 2000 }, (_, i) => ({ Name: `Ui ${i}` }));
    cancelFromUi(client, rows, (p) => shown.push(p), button);
    await until(() => shown.some((p) => p !== 'done' && p.state === 'InProgress'));
    button.dispatchEvent(new Event('click'));
    await until(() => shown.at(-1) === 'done');
    expect(shown.at(-2)).toMatchObject({ state: 'Aborted' });
    expect(emulator.jobs.list().map((job) => job.state)).toEqual(['Aborted']);
  });

  it('retryFailedRecords: a row that lost a lock is resubmitted as a second job', async () => {
    await start();
    emulator.jobs.failRows(1);
    const rows = [
      { External_Key__c: 'K1', Name: 'One' },
      { External_Key__c: 'K2', Name: 'Two' },
    ];
    const result = await upsertRetryingFailedRows(client, rows);
    expect(result.successCount).toBe(2);
    expect(lines()).toEqual(['2 upserted in 2 jobs']);
  });

  it('many jobs at once: both pipelines run because they are subscribed', async () => {
    await start();
    manyJobsAtOnce(
      client,
      { Account: [{ Name: 'Parallel A' }], Contact: [{ LastName: 'Parallel C' }] },
      [{ External_Key__c: 'ACME', Name: 'Acme' }],
      [{ External_Id__c: 'ada@acme.test', LastName: 'Lovelace', 'Account.External_Key__c': 'ACME' }],
    );
    await until(() => lines().length === 4);
    expect(lines().sort()).toEqual([
      'Account: 1 inserted',
      'Account: 1 upserted',
      'Contact: 1 inserted',
      'Contact: 1 upserted',
    ]);
    const contacts = await lastValueFrom(
      client.bulk.queryRecords("SELECT Account.Name FROM Contact WHERE LastName = 'Lovelace'").pipe(toArray()),
    );
    expect(contacts).toEqual([{ 'Account.Name': 'Acme' }]);
  });
});
