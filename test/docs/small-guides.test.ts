import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { finalize, lastValueFrom } from 'rxjs';
import {
  AccessTokenAuthenticator,
  ApiLimitGuardError,
  DEFAULT_POLL_POLICY,
  fixedPolling,
  SalesforceClient,
} from 'kinetic-core';
import { toResult } from 'kinetic-core/operators';
import { startBulkEmulator, type BulkEmulator } from 'kinetic-core/testing';
import { updateAndReport } from '../../docs/examples/errors.js';
import { loadFromDatabaseAndFile, resumableLoad } from '../../docs/examples/large-loads.js';
import { keepAReserve, perCall, perClient, policies, readLimits, watchUsage } from '../../docs/examples/polling.js';
import { retrySettings } from '../../docs/examples/reliability.js';

// docs/polling.md, docs/reliability.md, docs/errors.md and docs/large-loads.md, run against the emulator.
describe('the smaller guides', () => {
  let emulator: BulkEmulator;
  let auth: AccessTokenAuthenticator;
  let client: SalesforceClient;
  let log: jest.SpyInstance;
  const lines = (): string[] => log.mock.calls.map((call) => call.map(String).join(' '));

  beforeEach(async () => {
    log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    emulator = await startBulkEmulator({ processing: 'instant' });
    auth = new AccessTokenAuthenticator({ instanceUrl: emulator.url, accessToken: emulator.accessToken });
    client = new SalesforceClient({ auth, pollPolicy: fixedPolling(20) });
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

  describe('docs/polling.md', () => {
    it('the policies as the doc states them', () => {
      policies();
      expect(DEFAULT_POLL_POLICY).toEqual({ kind: 'backoff', initialDelayMs: 2000, factor: 1.5, maxDelayMs: 30000 });
    });

    it('a policy per client, and per call: every call runs to the end', async () => {
      const [adaptive, plain] = perClient(auth);
      expect(adaptive).toBeInstanceOf(SalesforceClient);
      expect(plain).toBeInstanceOf(SalesforceClient);
      // the example subscribes and lets go: count the operations that ended, so the emulator is not
      // closed under a result file still being read (its retry would then fail with nobody listening)
      let ended = 0;
      const insert = client.bulk.insert.bind(client.bulk);
      jest
        .spyOn(client.bulk, 'insert')
        .mockImplementation((...args: Parameters<typeof insert>) => insert(...args).pipe(finalize(() => void ended++)));
      perCall(client, [{ Name: 'Polled' }]);
      await until(() => ended === 3);
      expect(emulator.stats().requests['ingest.results']?.GET).toBe(9);
      expect(emulator.org.count('Account')).toBe(3);
    }, 40_000);

    it('API usage: limitInfo$ after a call, and the limits resource', async () => {
      watchUsage(client);
      await lastValueFrom(client.bulk.insert('Account', [{ Name: 'Counted' }]).pipe(toResult()));
      expect(lines().at(-1)).toMatch(/^\d+ of 5000000 API calls left today$/);
      const limits = await readLimits(client);
      expect(limits.DailyApiRequests?.max).toBe(5_000_000);
    });

    it('a reserve: no new job once fewer calls remain', async () => {
      const guarded = keepAReserve(auth);
      await lastValueFrom(guarded.limits());
      emulator.setApiUsage(5_000_000 - 100);
      await lastValueFrom(guarded.limits());
      const error = await lastValueFrom(guarded.bulk.insert('Account', [{ Name: 'Refused' }])).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ApiLimitGuardError);
    });
  });

  it('docs/reliability.md: per-client and per-call retry settings', async () => {
    const configured = retrySettings(auth, [{ External_Key__c: 'R1', Name: 'Retried' }]);
    emulator.faults.next('ingest.get', 1, { kind: 'status', status: 503 });
    // both subscriptions end once their results are read: three ingest files, one query page
    await until(
      () =>
        emulator.stats().requests['ingest.results']?.GET === 3 && emulator.stats().requests['query.results']?.GET === 1,
    );
    await configured.whenSettled();
    expect(emulator.org.records('Account').map((a) => a.Name)).toEqual(['Retried']);
  });

  it('docs/errors.md: a row without Id is a ValidationError; a refused row is a failed record', async () => {
    await updateAndReport(client, [{ Name: 'No Id' }]);
    expect(lines()).toEqual(['bad input 0 Id']);
    log.mockClear();
    const [id] = emulator.org.insert('Account', [{ Name: 'Acme' }]);
    await updateAndReport(client, [{ Id: id, Name: 'x'.repeat(300) }]);
    expect(lines()).toEqual(['0 STRING_TOO_LONG Name']);
  });

  it('docs/large-loads.md: an async generator, and a CSV file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kinetic-large-loads-'));
    const cwd = process.cwd();
    try {
      writeFileSync(join(dir, 'accounts.csv'), 'External_Key__c,Name\nF1,From file 1\nF2,From file 2\n');
      process.chdir(dir);
      const db = {
        async *cursor() {
          for (let i = 0; i < 5; i++) yield { name: `Company ${i}`, industry: 'Energy' };
        },
      };
      const [fromDb, fromFile] = await loadFromDatabaseAndFile(client, db);
      expect([fromDb.successCount, fromFile.successCount]).toEqual([5, 2]);
      expect(emulator.org.count('Account')).toBe(7);
    } finally {
      process.chdir(cwd);
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('docs/large-loads.md: a load with a file journal, run again, reads its results and sends nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kinetic-large-loads-'));
    const cwd = process.cwd();
    try {
      writeFileSync(join(dir, 'accounts.csv'), 'External_Key__c,Name\nF1,From file 1\nF2,From file 2\n');
      process.chdir(dir);
      const first = await resumableLoad(client);
      const jobs = emulator.jobs.list().length;
      const again = await resumableLoad(client);
      expect([first.successCount, again.successCount]).toEqual([2, 2]);
      expect(emulator.jobs.list()).toHaveLength(jobs);
      expect(emulator.org.count('Account')).toBe(2);
    } finally {
      process.chdir(cwd);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
