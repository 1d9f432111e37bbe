import { interval, lastValueFrom, map, mergeMap, range, take, tap, toArray, VirtualTimeScheduler } from 'rxjs';
import { ApiLimitGuardError } from '../../../../src/errors/api-limit-guard-error.js';
import { sinkRecords } from '../../../../src/client/sink-records.js';
import { SinkOverflowError } from '../../../../src/errors/sink-overflow-error.js';
import { ValidationError } from '../../../../src/errors/validation-error.js';
import type { SinkEvent, SinkJobResultEvent } from '../../../../src/operations/sink/sink-event.js';
import { FakeBulkOrg, inVirtualTime, runUntil } from '../../../support/fake-bulk-org.js';

type Row = { Name: string; Description: string };

const RATE_PER_TICK = 500; // every 100 ms: 5,000 records/s
const TICK_MS = 100;

const jobResults = (events: readonly SinkEvent<Row>[]) =>
  events.filter((e): e is SinkJobResultEvent<Row> => e.type === 'jobResult');

describe('bulk sink in virtual time (60 s at 5,000 records/s)', () => {
  it('puts every record in exactly one job and one result; cuts by count, bytes and time; respects concurrency', async () => {
    const scheduler = new VirtualTimeScheduler();
    const org = new FakeBulkOrg(scheduler);
    const client = org.client();
    const emittedAt = new Map<string, number>();
    const maxRecordsPerJob = 2_000;
    const maxBytesPerJob = 40_000;
    const maxWaitMs = 250;
    // 0-20 s: small records (count cuts); 20-40 s: large records (byte cuts); 40-60 s: a trickle (time cuts),
    // with bursts so that the average stays at 5,000 records/s
    const source = interval(TICK_MS, scheduler).pipe(
      take(600),
      mergeMap((tick) => {
        const phase = tick < 200 ? 'small' : tick < 400 ? 'large' : 'trickle';
        const count = phase === 'trickle' ? (tick % 10 === 0 ? 10 * RATE_PER_TICK - 9 : 1) : RATE_PER_TICK;
        const first = tick * 10 * RATE_PER_TICK;
        return range(first, count).pipe(
          map((i) => ({ Name: `R${i}`, Description: phase === 'large' ? 'x'.repeat(200) : phase })),
          tap((row) => emittedAt.set(row.Name, scheduler.now())),
        );
      }),
    );
    const events = await inVirtualTime(
      scheduler,
      lastValueFrom(
        sinkRecords(client.bulk, 'Account', source, {
          maxRecordsPerJob,
          maxBytesPerJob,
          maxWaitMs,
          concurrency: 4,
          bufferSize: 50_000,
        }).pipe(toArray()),
      ),
    );
    expect(scheduler.now()).toBeGreaterThanOrEqual(59_900);
    const results = jobResults(events);
    // every record in exactly one result, tied to its input record
    // (plain checks in the loop, one expect after it: 300,000 expects would take a minute)
    const seen = new Map<string, string>();
    let untied = 0;
    let twice = 0;
    for (const { result, job } of results)
      for (const row of result.successRecords) {
        if (result.inputOf(row)?.Name !== row.fields.Name) untied++;
        if (seen.has(row.fields.Name as string)) twice++;
        seen.set(row.fields.Name as string, job.id);
      }
    expect({ untied, twice }).toEqual({ untied: 0, twice: 0 });
    expect(seen.size).toBe(emittedAt.size);
    expect(emittedAt.size).toBeGreaterThan(290_000);
    // and in exactly one job on the server
    const uploaded = [...org.jobs.values()].flatMap((j) => j.rows.map((r) => /^R\d+/.exec(r)?.[0]));
    expect(uploaded.length).toBe(emittedAt.size);
    expect(new Set(uploaded).size).toBe(emittedAt.size);
    // one result per job, each job within the limits
    expect(new Set(results.map((e) => e.job.id)).size).toBe(org.jobs.size);
    const jobs = [...org.jobs.values()];
    expect(Math.max(...jobs.map((j) => j.rows.length))).toBeLessThanOrEqual(maxRecordsPerJob);
    expect(Math.max(...jobs.map((j) => j.bytes))).toBeLessThanOrEqual(maxBytesPerJob);
    const byCount = jobs.filter((j) => j.rows.length === maxRecordsPerJob);
    const byBytes = jobs.filter((j) => j.rows.length < maxRecordsPerJob && j.bytes > maxBytesPerJob - 260);
    const trickle = jobs.filter((j) => j.rows.some((r) => r.includes('trickle')));
    expect(byCount.length).toBeGreaterThan(20);
    expect(byBytes.length).toBeGreaterThan(20);
    // a trickle job spans at most maxWaitMs from its first record to its last
    let timeCut = 0;
    let widest = 0;
    for (const job of trickle) {
      const times = job.rows.map((r) => emittedAt.get(/^R\d+/.exec(r)?.[0] ?? '') as number);
      widest = Math.max(widest, Math.max(...times) - Math.min(...times));
      if (job.rows.length < maxRecordsPerJob && job.bytes < maxBytesPerJob / 2) timeCut++;
    }
    expect(widest).toBeLessThanOrEqual(maxWaitMs);
    expect(timeCut).toBeGreaterThan(20);
    expect(org.peakOpen).toBeLessThanOrEqual(4);
  }, 120_000);

  it('an org-limit dip pauses job creation and resumes it from /limits, losing nothing', async () => {
    const scheduler = new VirtualTimeScheduler();
    const org = new FakeBulkOrg(scheduler);
    const client = org.client();
    const source = interval(TICK_MS, scheduler).pipe(
      take(300),
      tap((tick) => {
        if (tick === 100) org.used = org.limit - 10; // 10 s: the org is nearly out of requests
        if (tick === 150) org.used = 0; // 15 s: the allocation is back
      }),
      mergeMap((tick) => range(tick * RATE_PER_TICK, RATE_PER_TICK)),
      map((i) => ({ Name: `R${i}`, Description: 'd' })),
    );
    const events = await inVirtualTime(
      scheduler,
      lastValueFrom(
        sinkRecords(client.bulk, 'Account', source, {
          maxRecordsPerJob: 1_000,
          minRemainingApiCalls: 100,
          limitPollMs: 2_000,
          bufferSize: 100_000,
        }).pipe(
          map((e) => ({ e, at: scheduler.now() })),
          toArray(),
        ),
      ),
    );
    const paused = events.filter(({ e }) => e.type === 'paused');
    const resumed = events.filter(({ e }) => e.type === 'resumed');
    expect(paused.length).toBe(1);
    expect(resumed.length).toBe(1);
    expect(paused[0]?.e).toMatchObject({ type: 'paused', reason: 'apiLimit', min: 100 });
    expect((paused[0]?.e as { remaining: number }).remaining).toBeLessThan(100);
    expect(paused[0]?.at).toBeGreaterThanOrEqual(10_000);
    expect(resumed[0]?.at).toBeGreaterThanOrEqual(15_000);
    expect(resumed[0]?.at).toBeLessThanOrEqual(17_100);
    // no job was created while paused
    const created = [...org.jobs.values()].map((j) => j.createdAt);
    const during = created.filter((t) => t > (paused[0]?.at ?? 0) && t < (resumed[0]?.at ?? 0));
    expect(during).toEqual([]);
    const rows = jobResults(events.map(({ e }) => e) as SinkEvent<Row>[]).flatMap((e) => [...e.result.successRecords]);
    expect(rows.length).toBe(150_000);
    expect(new Set(rows.map((r) => r.fields.Name)).size).toBe(150_000);
  }, 120_000);

  it("a creation the client's guard refuses after the sink looked waits for the pause to end, then runs", async () => {
    const scheduler = new VirtualTimeScheduler();
    const org = new FakeBulkOrg(scheduler);
    const client = org.client();
    // a guard that lets the sink's look pass, refuses the creation itself (a reading that came in
    // between), then allows everything: the race the sink must survive
    let checks = 0;
    const guard = {
      check(action: string): void {
        checks++;
        if (checks === 2) throw new ApiLimitGuardError(action, { used: 999_990, limit: 1_000_000, remaining: 10 }, 100);
      },
    };
    Object.assign((client.bulk as unknown as { ctx: object }).ctx, { limitGuard: guard });
    const source = range(0, 50).pipe(map((i) => ({ Name: `R${i}` })));
    const events = await inVirtualTime(
      scheduler,
      lastValueFrom(sinkRecords(client.bulk, 'Account', source, { limitPollMs: 5_000 }).pipe(toArray())),
    );
    expect(events.filter((e) => e.type !== 'job').map((e) => e.type)).toEqual(['paused', 'resumed', 'jobResult']);
    expect(scheduler.now()).toBeGreaterThanOrEqual(5_000);
    expect(org.jobs.size).toBe(1);
    expect(jobResults(events as SinkEvent<Row>[])[0]?.result.successCount).toBe(50);
  });

  it('an Observable that overflows the buffer while the sink is paused ends with SinkOverflowError', async () => {
    const scheduler = new VirtualTimeScheduler();
    const org = new FakeBulkOrg(scheduler);
    org.used = org.limit - 10;
    const client = org.client();
    await lastValueFrom(client.limits());
    const source = interval(TICK_MS, scheduler).pipe(
      mergeMap((tick) => range(tick * RATE_PER_TICK, RATE_PER_TICK)),
      map((i) => ({ Name: `R${i}` })),
    );
    const seen: SinkEvent[] = [];
    const error = await inVirtualTime(
      scheduler,
      lastValueFrom(
        sinkRecords(client.bulk, 'Account', source, {
          maxRecordsPerJob: 1_000,
          minRemainingApiCalls: 100,
          bufferSize: 5_000,
        }).pipe(tap((e) => seen.push(e))),
      ).catch((e: unknown) => e),
    );
    expect(error).toBeInstanceOf(SinkOverflowError);
    expect((error as SinkOverflowError).bufferSize).toBe(5_000);
    expect(seen.map((e) => e.type)).toEqual(['paused']);
    expect(org.jobs.size).toBe(0);
  });

  it("overflow: 'drop' refuses the newest records with a dropped event, and keeps going", async () => {
    const scheduler = new VirtualTimeScheduler();
    const org = new FakeBulkOrg(scheduler);
    org.used = org.limit - 10;
    const client = org.client();
    await lastValueFrom(client.limits());
    const source = interval(TICK_MS, scheduler).pipe(
      take(20),
      tap((tick) => {
        if (tick === 10) org.used = 0;
      }),
      mergeMap((tick) => range(tick * 100, 100)),
      map((i) => ({ Name: `R${i}` })),
    );
    const events = await inVirtualTime(
      scheduler,
      lastValueFrom(
        sinkRecords(client.bulk, 'Account', source, {
          maxRecordsPerJob: 100,
          minRemainingApiCalls: 100,
          bufferSize: 300,
          overflow: 'drop',
          limitPollMs: 1_000,
        }).pipe(toArray()),
      ),
    );
    const dropped = events
      .filter((e) => e.type === 'dropped')
      .map((e) => (e as { record: { Name: string } }).record.Name);
    const loaded = jobResults(events as SinkEvent<Row>[]).flatMap((e) =>
      e.result.successRecords.map((r) => r.fields.Name),
    );
    expect(dropped.length).toBeGreaterThan(0);
    expect(dropped.length + loaded.length).toBe(2_000);
    expect(new Set([...dropped, ...loaded]).size).toBe(2_000);
  });

  it('unsubscribing aborts the jobs still open on the server (the default); at most `concurrency` are open', async () => {
    const scheduler = new VirtualTimeScheduler();
    const org = new FakeBulkOrg(scheduler);
    org.processing = 'never';
    const client = org.client();
    const source = interval(TICK_MS, scheduler).pipe(
      take(10),
      mergeMap((tick) => range(tick * 100, 100)),
      map((i) => ({ Name: `R${i}` })),
    );
    const states: string[] = [];
    const sub = sinkRecords(client.bulk, 'Account', source, { maxRecordsPerJob: 100, concurrency: 3 }).subscribe(
      (e) => e.type === 'job' && states.push(e.job.state),
    );
    await runUntil(scheduler, 2_000);
    for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
    expect(states).toContain('InProgress');
    expect(org.jobs.size).toBe(3);
    sub.unsubscribe();
    await client.whenSettled();
    expect([...org.jobs.values()].map((j) => j.state)).toEqual(['Aborted', 'Aborted', 'Aborted']);
  });

  it("onUnsubscribe: 'drain' lets the open jobs finish instead", async () => {
    const scheduler = new VirtualTimeScheduler();
    const org = new FakeBulkOrg(scheduler);
    org.processing = 'never';
    const client = org.client();
    const source = range(0, 300).pipe(map((i) => ({ Name: `R${i}` })));
    const sub = sinkRecords(client.bulk, 'Account', source, {
      maxRecordsPerJob: 100,
      onUnsubscribe: 'drain',
      pollPolicy: { kind: 'fixed', intervalMs: 1_000 },
    }).subscribe();
    for (let i = 0; i < 50; i++) await new Promise((resolve) => setImmediate(resolve));
    expect(org.jobs.size).toBe(3);
    sub.unsubscribe();
    org.processing = 'instant';
    for (const job of org.jobs.values()) job.state = 'JobComplete';
    await inVirtualTime(scheduler, client.whenSettled());
    expect(org.aborts).toBe(0);
    // the drained jobs were polled to their end and their results read
    const reads = org.resultReads;
    expect(reads).toBe(9);
  });

  it('checks options before any request', () => {
    const scheduler = new VirtualTimeScheduler();
    const org = new FakeBulkOrg(scheduler);
    const client = org.client();
    const source = range(0, 10).pipe(map((i) => ({ Name: `R${i}` })));
    const bad = [{ maxWaitMs: 0 }, { concurrency: 0 }, { overflow: 'block' }, { nope: 1 }, { externalIdField: 'X__c' }];
    const errorOf = (options: object): unknown => {
      let caught: unknown;
      sinkRecords(client.bulk, 'Account', source, options).subscribe({ error: (e: unknown) => (caught = e) });
      return caught;
    };
    for (const options of [...bad, { operation: 'upsert' }]) expect(errorOf(options)).toBeInstanceOf(ValidationError);
    expect(org.used).toBe(0);
  });
});
