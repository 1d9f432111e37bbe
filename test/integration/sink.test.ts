import { concat, interval, lastValueFrom, map, mergeMap, range, take, takeWhile, throwError, toArray } from 'rxjs';
import { sinkRecords } from '../../src/client/sink-records.js';
import type { SinkEvent, SinkJobResultEvent } from '../../src/operations/sink/sink-event.js';
import { eventually, startFixture, type EmulatorFixture } from '../support/emulator-client.js';

let fx: EmulatorFixture;
afterEach(async () => fx?.close());

type Row = { Name: string; Description: string };
const row = (i: number): Row => ({ Name: `Acct ${i}`, Description: `d${i}` });

const results = (events: readonly SinkEvent<Row>[]): SinkJobResultEvent<Row>[] =>
  events.filter((e): e is SinkJobResultEvent<Row> => e.type === 'jobResult');

/** Every record is in exactly one job result and in the org exactly once. */
function expectEachOnce(events: readonly SinkEvent<Row>[], n: number): void {
  const seen = new Map<string, number>();
  for (const event of results(events))
    for (const success of event.result.successRecords) {
      const input = event.result.inputOf(success);
      expect(input?.Name).toBe(success.fields.Name);
      seen.set(success.fields.Name as string, (seen.get(success.fields.Name as string) ?? 0) + 1);
    }
  expect(seen.size).toBe(n);
  expect([...seen.values()].every((c) => c === 1)).toBe(true);
  const names = fx.emulator.org.records('Account').map((r) => String(r.Name));
  expect(names.length).toBe(n);
  expect(new Set(names).size).toBe(n);
}

describe('sinkRecords against the emulator', () => {
  it('an async generator source: jobs cut by count, the last partial job cut at the end, one result per job', async () => {
    fx = await startFixture();
    async function* source(): AsyncGenerator<Row> {
      for (let i = 0; i < 2_500; i++) yield row(i);
    }
    const events = await lastValueFrom(
      sinkRecords(fx.client.bulk, 'Account', source(), { maxRecordsPerJob: 1_000, concurrency: 2 }).pipe(toArray()),
    );
    const done = results(events);
    expect(done.map((e) => e.result.successCount).sort((a, b) => a - b)).toEqual([500, 1000, 1000]);
    expect(new Set(done.map((e) => e.job.id)).size).toBe(3);
    expectEachOnce(events, 2_500);
  });

  it('an Observable trickle: a job is cut maxWaitMs after its first record', async () => {
    fx = await startFixture();
    const source = interval(10).pipe(
      take(30),
      map((i) => row(i)),
    );
    const events = await lastValueFrom(
      sinkRecords(fx.client.bulk, 'Account', source, { maxWaitMs: 100, maxRecordsPerJob: 1_000 }).pipe(toArray()),
    );
    const done = results(events);
    expect(done.length).toBeGreaterThanOrEqual(2);
    for (const e of done) expect(e.result.successCount).toBeLessThanOrEqual(12);
    expectEachOnce(events, 30);
  });

  it('unsubscribing aborts the open jobs on the server', async () => {
    fx = await startFixture({ processing: { recordsPerSecond: 50 } });
    const source = range(0, 100_000).pipe(map(row));
    const running = sinkRecords(fx.client.bulk, 'Account', source, {
      maxRecordsPerJob: 500,
      concurrency: 2,
      bufferSize: 200_000,
    }).pipe(takeWhile((e) => !(e.type === 'job' && e.job.state === 'InProgress')));
    await lastValueFrom(running, { defaultValue: undefined });
    await fx.client.whenSettled();
    await eventually(() => fx.emulator.jobs.list().every((j) => j.state !== 'InProgress' && j.state !== 'Open'));
    const states = fx.emulator.jobs.list().map((j) => j.state);
    expect(states.length).toBeGreaterThanOrEqual(1);
    expect(states.every((s) => s === 'Aborted')).toBe(true);
  });
});

// 20 s with SINK_LONG=1 (the real-time run); 4 s by default, to keep CI short (docs/testing.md)
const SECONDS = process.env.SINK_LONG === '1' ? 20 : 4;

describe(`sinkRecords: ${SECONDS} s of real time at 5,000 records/s`, () => {
  it('every record in exactly one job and one result, jobs within the limits, at most `concurrency` open', async () => {
    fx = await startFixture({ processing: { recordsPerSecond: 20_000 } });
    const ticks = SECONDS * 10;
    const source = interval(100).pipe(
      take(ticks),
      mergeMap((tick) => range(tick * 500, 500)),
      map(row),
    );
    const maxRecordsPerJob = 4_000;
    const maxBytesPerJob = 60_000;
    let open = 0;
    let peakOpen = 0;
    const heap: number[] = [];
    const events = await lastValueFrom(
      sinkRecords(fx.client.bulk, 'Account', source, {
        maxRecordsPerJob,
        maxBytesPerJob,
        maxWaitMs: 500,
        concurrency: 3,
      }).pipe(
        map((e) => {
          if (e.type === 'job' && e.job.state === 'Open') peakOpen = Math.max(peakOpen, ++open);
          if (e.type === 'jobResult') {
            open--;
            heap.push(process.memoryUsage().heapUsed);
          }
          return e;
        }),
        toArray(),
      ),
    );
    expectEachOnce(events, ticks * 500);
    const jobs = fx.emulator.jobs.list();
    for (const job of jobs) {
      const csv = fx.emulator.jobs.uploadedCsv(job.id) ?? '';
      expect(Buffer.byteLength(csv)).toBeLessThanOrEqual(maxBytesPerJob);
      expect(csv.split('\n').length - 2).toBeLessThanOrEqual(maxRecordsPerJob);
    }
    expect(results(events).length).toBe(jobs.length);
    expect(peakOpen).toBeLessThanOrEqual(3);
    const mb = (b: number | undefined) => ((b ?? 0) / 1e6).toFixed(0);
    console.log(
      `sink ${SECONDS} s: ${ticks * 500} records, ${jobs.length} jobs; heap ${mb(heap[Math.floor(heap.length / 4)])} MB at a quarter, ${mb(heap.at(-1))} MB at the end`,
    );
  }, 120_000);
});

describe('sinkRecords: other operations and failures', () => {
  it("operation 'upsert' on an external id, then 'delete' by Id", async () => {
    fx = await startFixture();
    const first = Array.from({ length: 300 }, (_, i) => ({ External_Key__c: `K${i}`, Name: `First ${i}` }));
    const again = Array.from({ length: 300 }, (_, i) => ({ External_Key__c: `K${i}`, Name: `Second ${i}` }));
    const upsert = { operation: 'upsert', externalIdField: 'External_Key__c', maxRecordsPerJob: 250 } as const;
    await lastValueFrom(sinkRecords(fx.client.bulk, 'Account', range(0, 300).pipe(map((i) => first[i]!)), upsert));
    const events = await lastValueFrom(
      sinkRecords(fx.client.bulk, 'Account', range(0, 300).pipe(map((i) => again[i]!)), upsert).pipe(toArray()),
    );
    const upserted = events.flatMap((e) => (e.type === 'jobResult' ? [...e.result.successRecords] : []));
    expect(upserted).toHaveLength(300);
    expect(upserted.every((r) => !r.created)).toBe(true);
    const accounts = fx.emulator.org.records('Account');
    expect(accounts.map((r) => r.Name).sort()).toEqual(again.map((r) => r.Name).sort());
    const ids = accounts.map((r) => String(r.Id));
    const deleted = await lastValueFrom(
      sinkRecords(
        fx.client.bulk,
        'Account',
        ids.map((Id) => ({ Id })),
        { operation: 'delete', maxRecordsPerJob: 100 },
      ).pipe(toArray()),
    );
    expect(deleted.filter((e) => e.type === 'jobResult')).toHaveLength(3);
    expect(fx.emulator.org.records('Account')).toHaveLength(0);
  });

  it('a bad record mid-stream ends the sink with a ValidationError; the jobs already open are aborted', async () => {
    fx = await startFixture({ processing: { recordsPerSecond: 100 } });
    async function* source(): AsyncGenerator<Record<string, unknown>> {
      for (let i = 0; i < 1_000; i++) yield row(i);
      yield { 'not a field!': 'x' };
    }
    const error = await lastValueFrom(
      sinkRecords(fx.client.bulk, 'Account', source(), { maxRecordsPerJob: 500 }).pipe(toArray()),
    ).catch((e: unknown) => e);
    expect((error as Error).name).toBe('ValidationError');
    await fx.client.whenSettled();
    await eventually(() => fx.emulator.jobs.list().every((j) => j.state === 'Aborted' || j.state === 'JobComplete'));
    expect(fx.emulator.jobs.list().some((j) => j.state === 'Aborted')).toBe(true);
  });

  it("an Observable source's error ends the sink with that error", async () => {
    fx = await startFixture();
    const source = concat(
      range(0, 10).pipe(map(row)),
      throwError(() => new Error('queue connection lost')),
    );
    const error = await lastValueFrom(sinkRecords(fx.client.bulk, 'Account', source)).catch((e: unknown) => e);
    expect((error as Error).message).toBe('queue connection lost');
  });
});
