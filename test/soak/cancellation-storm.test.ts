import { globalAgent } from 'node:http';
import { firstValueFrom, Subscription, timer, type Observable } from 'rxjs';
import { ClientCredentialsAuthenticator } from '../../src/auth/client-credentials.js';
import { SalesforceClient } from '../../src/client/salesforce-client.js';
import { isTerminalState } from '../../src/models/job-state.js';
import { fixedPolling } from '../../src/poller/poll-policy.js';
import { startBulkEmulator } from '../../src/testing/emulator.js';
import { activeResources, ClientFigures, RejectionWitness, seeded, settleResources } from './soak-support.js';

const LOADS = 100;
const WAVE = 10;
/** Unsubscribe moments are drawn in [0, MAX_CANCEL_MS): before the create, mid-upload, mid-poll, mid-results. */
const MAX_CANCEL_MS = 1_200;

jest.setTimeout(60_000);

/** Sockets axios (the default agent) still holds for a request or an unread body, and requests queued for one. */
function socketsInUse(): number {
  const count = (map: NodeJS.ReadOnlyDict<unknown[]>): number =>
    Object.values(map).reduce((n, list) => n + (list?.length ?? 0), 0);
  return count(globalAgent.sockets) + count(globalAgent.requests);
}

describe(`cancellation storm (${LOADS} loads)`, () => {
  it('leaves every job it created aborted or finished, and no timer or socket behind', async () => {
    const baseline = activeResources();
    const rejections = new RejectionWitness();
    rejections.install();
    const random = seeded(424_242);
    const figures = new ClientFigures();
    const emulator = await startBulkEmulator({
      processing: { recordsPerSecond: 1_000, tickMs: 20 },
      faults: {
        seed: 99,
        rules: [
          { route: 'ingest.*', effect: { kind: 'latency', ms: 15 }, probability: 0.3 },
          { route: '*', effect: { kind: 'status', status: 503 }, probability: 0.04 },
          { route: 'ingest.create', effect: { kind: 'reset' }, probability: 0.05, timing: 'after' },
        ],
      },
    });
    emulator.org.insert(
      'Account',
      Array.from({ length: 300 }, (_, i) => ({ Name: `Seed ${i}` })),
    );
    const client = new SalesforceClient({
      auth: new ClientCredentialsAuthenticator({
        loginUrl: emulator.url,
        clientId: 'kinetic-emulator-client',
        clientSecret: 'kinetic-emulator-secret',
      }),
      pollPolicy: fixedPolling(25),
      retryPolicy: { maxRetries: 6, initialDelayMs: 10, factor: 2, maxDelayMs: 80, jitter: 0.5 },
      logger: figures.logger(),
    });
    const errors: string[] = [];
    let completed = 0;
    let cancelled = 0;
    try {
      for (let wave = 0; wave < LOADS / WAVE; wave++) {
        const done: Promise<void>[] = [];
        for (let i = 0; i < WAVE; i++) {
          const n = wave * WAVE + i;
          const rows = 20 + Math.floor(random() * 280);
          const load: Observable<unknown> =
            n % 5 === 4
              ? client.bulk.queryRecords('SELECT Id, Name FROM Account', { maxRecords: 50 })
              : client.bulk.insert(
                  'Account',
                  Array.from({ length: rows }, (_, r) => ({ Name: `Storm ${n}-${r}` })),
                  { maxRecordsPerJob: 100, concurrency: 2 },
                );
          const cancelAt = Math.floor(random() * MAX_CANCEL_MS);
          done.push(
            new Promise<void>((resolve) => {
              const canceller = new Subscription();
              const sub: Subscription = load.subscribe({
                error: (error: unknown) => {
                  errors.push(`load ${n}: ${String(error)}`);
                  canceller.unsubscribe();
                  resolve();
                },
                complete: () => {
                  completed++;
                  canceller.unsubscribe();
                  resolve();
                },
              });
              if (sub.closed) return;
              canceller.add(
                timer(cancelAt).subscribe(() => {
                  cancelled++;
                  sub.unsubscribe();
                  resolve();
                }),
              );
            }),
          );
        }
        await Promise.all(done);
      }
      await client.whenSettled();

      const jobs = emulator.jobs.list();
      expect(jobs.length).toBeGreaterThan(50);
      expect(
        jobs.filter((job) => !isTerminalState(job.state)).map((job) => `${job.kind} ${job.id} ${job.state}`),
      ).toEqual([]);
      expect(jobs.filter((job) => job.state === 'Aborted').length).toBeGreaterThan(10);
      expect(errors).toEqual([]);
      expect(figures.warnings).toEqual([]);
      // how many loads finish before their cancel time depends on the machine's speed (seen: 48 to 60 of
      // 100 on 2 busy cores): the storm only needs enough of them cancelled mid-flight to mean something
      expect(cancelled).toBeGreaterThan(LOADS / 4);
      // nothing in flight and no unread body: every socket went back to the pool or was destroyed
      await firstValueFrom(timer(50));
      expect(socketsInUse()).toBe(0);
      console.log(
        `cancellation storm: ${LOADS} loads, ${cancelled} cancelled, ${completed} completed, ${jobs.length} jobs (${jobs.filter((j) => j.state === 'Aborted').length} aborted), ${figures.retries} retries`,
      );
    } finally {
      await client.whenSettled();
      await emulator.close();
      rejections.uninstall();
    }
    expect(rejections.seen).toEqual([]);
    expect(await settleResources(baseline)).toEqual({});
  });
});
