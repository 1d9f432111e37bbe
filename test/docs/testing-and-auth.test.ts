import { lastValueFrom, toArray } from 'rxjs';
import { AccessTokenAuthenticator, SalesforceClient, type Authenticator } from 'kinetic-core';
import { toResult } from 'kinetic-core/operators';
import { startBulkEmulator } from 'kinetic-core/testing';
import { againstTheEmulator, fromEnvironment } from '../../docs/examples/authentication.js';
import { basics, customObject, faults, tokenFlows } from '../../docs/examples/testing.js';

// docs/testing.md and docs/authentication.md, run against the emulator.
describe('docs/testing.md and docs/authentication.md', () => {
  let log: jest.SpyInstance;
  beforeEach(() => {
    log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
  });
  afterEach(() => log.mockRestore());

  async function rowsThrough(auth: Authenticator): Promise<number> {
    const client = new SalesforceClient({ auth, pollPolicy: { kind: 'fixed', intervalMs: 20 } });
    return (await lastValueFrom(client.bulk.queryRecords('SELECT Id FROM Account').pipe(toArray()))).length;
  }

  it('testing.md: the basics start and close an emulator', async () => {
    await expect(basics()).resolves.toBeUndefined();
  });

  it('testing.md: a custom object takes rows typed by its fields', async () => {
    const emulator = await customObject();
    try {
      const client = new SalesforceClient({
        auth: new AccessTokenAuthenticator({ instanceUrl: emulator.url, accessToken: emulator.accessToken }),
        pollPolicy: { kind: 'fixed', intervalMs: 20 },
      });
      const rows = [
        { Name: 'INV-1', Invoice_Number__c: 'N1', Amount__c: 12.5, Paid__c: true, Due_Date__c: '2026-01-31' },
        { Invoice_Number__c: 'N2' },
      ];
      const result = await lastValueFrom(client.bulk.insert('Invoice__c', rows).pipe(toResult()));
      expect(result.successCount).toBe(1);
      expect(result.failedRecords.map((row) => row.error.statusCode)).toEqual(['REQUIRED_FIELD_MISSING']);
    } finally {
      await emulator.close();
    }
  });

  it('testing.md: the four token flows get sessions that work', async () => {
    const flows = await tokenFlows();
    try {
      for (const auth of [flows.clientCredentials, flows.password, flows.refresh, flows.jwt])
        expect(await rowsThrough(auth)).toBe(0);
      expect(flows.emulator.stats().requests['oauth.token']?.POST).toBe(3);
      expect(flows.jwtEmulator.stats().requests['oauth.token']?.POST).toBe(1);
    } finally {
      await flows.emulator.close();
      await flows.jwtEmulator.close();
    }
  }, 20_000);

  it('testing.md: the fault calls run, and clear() leaves a working emulator', async () => {
    const emulator = await faults();
    try {
      const auth = new AccessTokenAuthenticator({ instanceUrl: emulator.url, accessToken: emulator.accessToken });
      expect(await rowsThrough(auth)).toBe(0);
      expect(emulator.stats().requests['ingest.create']).toBeUndefined();
    } finally {
      await emulator.close();
    }
  });

  it('authentication.md: the flow picked from SF_* variables', async () => {
    const emulator = await startBulkEmulator({ processing: 'instant' });
    const saved = { ...process.env };
    try {
      emulator.org.insert(
        'Account',
        Array.from({ length: 12 }, (_, i) => ({ Name: `Env ${i}` })),
      );
      process.env.SF_INSTANCE_URL = emulator.url;
      process.env.SF_ACCESS_TOKEN = emulator.accessToken;
      fromEnvironment();
      const deadline = Date.now() + 10_000;
      while (log.mock.calls.length < 10 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      expect(log.mock.calls.map(([row]: unknown[]) => (row as { Name: string }).Name)).toEqual(
        Array.from({ length: 10 }, (_, i) => `Env ${i}`),
      );
    } finally {
      process.env = saved;
      await emulator.close();
    }
  });

  it('authentication.md: the JWT flow against the emulator refreshes once after expiry', async () => {
    await againstTheEmulator();
    expect(log).toHaveBeenCalledWith({ POST: 2 });
  }, 20_000);
});
