import { lastValueFrom } from 'rxjs';
import {
  AccessTokenAuthenticator,
  AuthenticationError,
  fixedPolling,
  SalesforceClient,
  type BulkResult,
} from 'kinetic-core';
import { retryFailedRecords, toResult } from 'kinetic-core/operators';
import { startBulkEmulator, type BulkEmulator } from 'kinetic-core/testing';

// The code under test: imports contacts, matched on their e-mail, under the account of their company.
interface ContactRow {
  readonly email: string;
  readonly lastName?: string;
  readonly company: string;
}

function importContacts(client: SalesforceClient, rows: readonly ContactRow[]): Promise<BulkResult> {
  const records = rows.map((row) => ({
    External_Id__c: row.email,
    Email: row.email,
    LastName: row.lastName,
    Account: { External_Key__c: row.company }, // a relationship column: Account.External_Key__c
  }));
  return lastValueFrom(
    client.bulk
      .upsert('Contact', records, 'External_Id__c')
      .pipe(retryFailedRecords({ maxAttempts: 2, delay: 0 }), toResult()),
  );
}

describe('importContacts, against the local Bulk API 2.0 emulator', () => {
  let emulator: BulkEmulator;
  let client: SalesforceClient;

  beforeEach(async () => {
    // 'instant': a job is finished as soon as it is closed, so tests never wait for processing
    emulator = await startBulkEmulator({ processing: 'instant' });
    client = new SalesforceClient({
      auth: new AccessTokenAuthenticator({ instanceUrl: emulator.url, accessToken: emulator.accessToken }),
      pollPolicy: fixedPolling(10),
      retryPolicy: { initialDelayMs: 10 },
    });
    emulator.org.insert('Account', [{ Name: 'Acme', External_Key__c: 'ACME' }]);
  });

  afterEach(async () => {
    await client.whenSettled(); // every abort sent by an unsubscribe has been answered
    await emulator.close(); // stops processing timers and closes keep-alive sockets
  });

  it('creates the contacts under their account', async () => {
    const result = await importContacts(client, [
      { email: 'ada@acme.test', lastName: 'Lovelace', company: 'ACME' },
      { email: 'alan@acme.test', lastName: 'Turing', company: 'ACME' },
    ]);

    expect(result.successCount).toBe(2);
    const [acme] = emulator.org.records('Account');
    const contacts = emulator.org.records('Contact');
    expect(contacts.map((c) => c.LastName).sort()).toEqual(['Lovelace', 'Turing']);
    expect(contacts.every((c) => c.AccountId === acme?.Id)).toBe(true);
  });

  it('reports the rows Salesforce refuses, with their error codes', async () => {
    const result = await importContacts(client, [
      { email: 'nobody@acme.test', company: 'ACME' }, // LastName is required
      { email: 'grace@initech.test', lastName: 'Hopper', company: 'INITECH' }, // no such account
    ]);

    expect(result.successCount).toBe(0);
    const codes = result.failedRecords.map((r) => [r.fields.Email, r.error.statusCode]);
    expect(codes).toEqual(
      expect.arrayContaining([
        ['nobody@acme.test', 'REQUIRED_FIELD_MISSING'],
        ['grace@initech.test', 'INVALID_FIELD'],
      ]),
    );
    expect(emulator.org.count('Contact')).toBe(0);
  });

  it('resubmits a row that lost a record lock', async () => {
    emulator.jobs.failRows(1); // the next row processed fails with UNABLE_TO_LOCK_ROW

    const result = await importContacts(client, [
      { email: 'ada@acme.test', lastName: 'Lovelace', company: 'ACME' },
      { email: 'alan@acme.test', lastName: 'Turing', company: 'ACME' },
    ]);

    expect(result.successCount).toBe(2);
    expect(result.failedCount).toBe(0);
    expect(emulator.jobs.list()).toHaveLength(2); // the retry ran as a second job
  });

  it('rides out a flaky server', async () => {
    // the next two status polls get a 503; reads are retried with backoff
    emulator.faults.next('ingest.get', 2, { kind: 'status', status: 503 });

    const result = await importContacts(client, [{ email: 'ada@acme.test', lastName: 'Lovelace', company: 'ACME' }]);

    expect(result.successCount).toBe(1);
    expect(emulator.stats().requests['ingest.get']?.GET).toBeGreaterThanOrEqual(3);
  });

  it('reports a job that fails on the server', async () => {
    emulator.failNextJob('InvalidBatch : Failed to process query: Too many locks');

    const result = await importContacts(client, [{ email: 'ada@acme.test', lastName: 'Lovelace', company: 'ACME' }]);

    expect(result.job.state).toBe('Failed');
    expect(result.jobErrors[0]?.statusCode).toBe('InvalidBatch');
    expect(result.unprocessedCount).toBe(1);
  });

  it('fails with AuthenticationError once the session has expired', async () => {
    emulator.expireTokens(); // every token issued so far now gets 401 INVALID_SESSION_ID

    await expect(
      importContacts(client, [{ email: 'ada@acme.test', lastName: 'Lovelace', company: 'ACME' }]),
    ).rejects.toBeInstanceOf(AuthenticationError);
  });
});

// ---- not part of the example: keeps the copy in docs/testing.md identical to the code above ----
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

describe('docs/testing.md', () => {
  it('shows this example verbatim', () => {
    const source = readFileSync(__filename, 'utf8');
    const example = source.slice(0, source.indexOf('\n// ---- not part of the example')).trimEnd();
    const doc = readFileSync(join(__dirname, '../../docs/testing.md'), 'utf8');
    expect(example.length).toBeGreaterThan(1000);
    expect(doc).toContain(`\`\`\`ts\n${example}\n\`\`\``);
  });
});
