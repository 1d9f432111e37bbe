import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { filter, lastValueFrom, take, throwError, toArray } from 'rxjs';
import { AccessTokenAuthenticator } from '../../src/auth/access-token.js';
import { axiosTransport } from '../../src/http/axios-transport.js';
import type { Transport } from '../../src/http/transport.js';
import { SalesforceClient } from '../../src/client/salesforce-client.js';
import { sinkRecords } from '../../src/client/sink-records.js';
import { fileSinkJournal } from '../../src/node/file-sink-journal.js';
import { fixedPolling } from '../../src/poller/poll-policy.js';
import {
  memorySinkJournal,
  type SinkJournal,
  type SinkJournalStore,
} from '../../src/operations/sink/sink-journal-store.js';
import { startFixture, type EmulatorFixture } from '../support/emulator-client.js';

let fx: EmulatorFixture;
afterEach(async () => fx?.close());

type Row = { Name: string };

/** A queue consumer's source: records from `from` on; `handed.count` says how many the sink pulled. */
async function* consume(from: number, to: number, handed: { count: number }): AsyncGenerator<Row> {
  for (let i = from; i < to; i++) {
    handed.count = i + 1;
    yield { Name: `Q${i}` };
  }
}

/** A second process: a new client on the same org. */
const newClient = (transport?: Transport): SalesforceClient =>
  new SalesforceClient({
    auth: new AccessTokenAuthenticator({ instanceUrl: fx.emulator.url, accessToken: fx.emulator.accessToken }),
    pollPolicy: fixedPolling(20),
    retryPolicy: { maxRetries: 0 },
    ...(transport ? { transport } : {}),
  });

function expectEachOnceInOrg(n: number): void {
  const names = fx.emulator.org.records('Account').map((r) => String(r.Name));
  const counts = new Map<string, number>();
  for (const name of names) counts.set(name, (counts.get(name) ?? 0) + 1);
  const missing = Array.from({ length: n }, (_, i) => `Q${i}`).filter((name) => !counts.has(name));
  const repeated = [...counts].filter(([, c]) => c > 1).map(([name]) => name);
  expect({ missing: missing.slice(0, 5), repeated: repeated.slice(0, 5) }).toEqual({ missing: [], repeated: [] });
  expect(names.length).toBe(n);
}

async function stopAndRestart(store: SinkJournalStore, onUnsubscribe: 'abort' | 'drain'): Promise<void> {
  const N = 6_000;
  const handed = { count: 0 };
  const options = { maxRecordsPerJob: 700, concurrency: 2, maxWaitMs: 200, journal: store, onUnsubscribe };
  // first run: stopped after two job results, with jobs open and records held in no job
  await lastValueFrom(
    sinkRecords(fx.client.bulk, 'Account', consume(0, N, handed), options).pipe(
      filter((e) => e.type === 'jobResult'),
      take(2),
    ),
  );
  await fx.client.whenSettled();
  const stoppedAt = handed.count;
  expect(stoppedAt).toBeLessThan(N);
  const states = fx.emulator.jobs.list().map((j) => j.state);
  if (onUnsubscribe === 'abort') expect(states).toContain('Aborted');
  // second run, as another process: the same journal, the source from where the first one stopped
  const client = newClient();
  const events = await lastValueFrom(
    sinkRecords(client.bulk, 'Account', consume(stoppedAt, N, { count: 0 }), options).pipe(toArray()),
  );
  await client.whenSettled();
  expect(events.some((e) => e.type === 'jobResult')).toBe(true);
  expectEachOnceInOrg(N);
}

describe('bulk sink with a journal: a restarted sink neither loses nor repeats a record', () => {
  it('unsubscribed (open jobs aborted), restarted on the same memory journal', async () => {
    fx = await startFixture({ processing: { recordsPerSecond: 3_000 } });
    await stopAndRestart(memorySinkJournal(), 'abort');
  });

  it('unsubscribed with drain, restarted on the same file journal', async () => {
    fx = await startFixture({ processing: { recordsPerSecond: 3_000 } });
    const dir = mkdtempSync(join(tmpdir(), 'sink-journal-'));
    try {
      await stopAndRestart(fileSinkJournal(join(dir, 'sink.json')), 'drain');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('bulk sink with a journal, after a crash', () => {
  it('a job the journal knew of is finished exactly once by the next process (open ones too); nothing is repeated', async () => {
    fx = await startFixture({ processing: { recordsPerSecond: 2_000 } });
    // the process "dies": from this instant nothing more reaches the server or the journal
    let dead = false;
    const inner = axiosTransport();
    const transport: Transport = (request) => (dead ? throwError(() => new Error('process killed')) : inner(request));
    const memory = memorySinkJournal();
    const store: SinkJournalStore = {
      read: () => memory.read(),
      write: async (journal: SinkJournal) => (dead ? undefined : memory.write(journal)),
    };
    const N = 8_000;
    const options = { maxRecordsPerJob: 700, concurrency: 3, maxWaitMs: 200, journal: store };
    const first = newClient(transport);
    const emitted: number[] = [];
    const subscription = sinkRecords(first.bulk, 'Account', consume(0, N, { count: 0 }), options).subscribe((event) => {
      if (event.type === 'jobResult')
        for (const row of event.result.successRecords) emitted.push(Number(String(row.fields.Name).slice(1)));
    });
    // crash once a result came out and jobs are open on the server
    const deadline = Date.now() + 20_000;
    while (emitted.length === 0 || !fx.emulator.jobs.list().some((j) => j.state === 'InProgress')) {
      if (Date.now() > deadline) throw new Error('no open job in 20 s');
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    dead = true;
    subscription.unsubscribe(); // its aborts and its last journal write are lost with the process
    await first.whenSettled();
    const journal = memory.current as SinkJournal;
    expect(journal.jobs.length).toBeGreaterThan(0);
    expect(journal.pending).toEqual([]);
    // the queue redelivers what the sink had not made durable: everything after the last record
    // in a job the journal knows of, or in an emitted result
    const known = [
      ...emitted,
      ...journal.jobs.flatMap((j) => j.records.map((r) => Number(String((r as Row).Name).slice(1)))),
    ];
    const restartAt = Math.max(...known) + 1;
    expect(new Set(known).size).toBe(restartAt);
    const second = newClient();
    await lastValueFrom(
      sinkRecords(second.bulk, 'Account', consume(restartAt, N, { count: 0 }), options).pipe(toArray()),
    );
    await second.whenSettled();
    expectEachOnceInOrg(N);
  });
});
