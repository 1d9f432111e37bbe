import { lastValueFrom, Subject, toArray } from 'rxjs';
import { AccessTokenAuthenticator, fixedPolling, SalesforceClient } from 'kinetic-core';
import { startBulkEmulator, type BulkEmulator } from 'kinetic-core/testing';
import { loadChanges, pipeQueue, type OrderQueue } from '../../docs/examples/pipelines.js';

// docs/pipelines.md, run against the emulator.
describe('docs/pipelines.md', () => {
  let emulator: BulkEmulator;
  let client: SalesforceClient;
  let log: jest.SpyInstance;

  beforeEach(async () => {
    log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    emulator = await startBulkEmulator({ processing: 'instant' });
    client = new SalesforceClient({
      auth: new AccessTokenAuthenticator({ instanceUrl: emulator.url, accessToken: emulator.accessToken }),
      pollPolicy: fixedPolling(20),
    });
  });

  afterEach(async () => {
    log.mockRestore();
    await client.whenSettled();
    await emulator.close();
  });

  const lines = (): string[] => log.mock.calls.map((call) => call.join(' '));

  it('a queue consumer: an async generator source, a job cut at 10,000 records, its result logged', async () => {
    const messages = Array.from({ length: 10_000 }, (_, i) => ({ orderId: `O-${i}`, customer: `Customer ${i}` }));
    let drained = false;
    const queue: OrderQueue = {
      // an empty queue waits, like a real one (here: for ever)
      receive: () => {
        const next = messages.shift();
        if (!next) drained = true;
        return next ? Promise.resolve(next) : new Promise(() => undefined);
      },
    };
    const subscription = pipeQueue(client, queue);
    const deadline = Date.now() + 20_000;
    while (!lines().some((l) => l.startsWith('job 0:'))) {
      if (Date.now() > deadline) throw new Error('no job result in 20 s');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    subscription.unsubscribe();
    expect(drained).toBe(true);
    expect(lines()).toContain('job 0: 10000 loaded, 0 failed');
    expect(emulator.org.records('Account')).toHaveLength(10_000);
  });

  it('an Observable of changes: per-job results, lock failures retried', async () => {
    emulator.jobs.failRows(1);
    const changes$ = new Subject<{ lastName: string; email: string }>();
    const results = lastValueFrom(loadChanges(client, changes$).pipe(toArray()));
    changes$.next({ lastName: 'Lovelace', email: 'ada@example.com' });
    changes$.next({ lastName: 'Hopper', email: 'grace@example.com' });
    changes$.complete();
    const [result, ...more] = await results;
    expect(more).toEqual([]);
    expect(result?.successCount).toBe(2);
    expect(result?.jobs).toHaveLength(2);
    expect(emulator.org.records('Contact')).toHaveLength(2);
  });
});
