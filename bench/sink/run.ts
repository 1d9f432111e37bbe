// Memory of a bulk sink over a long run: an endless Observable source at 5,000 records/s into an
// in-memory fake org, in virtual time; the heap (after a GC) is sampled every virtual minute.
// Usage: node bench/run-ts.mjs bench/sink/run.ts [virtual minutes, default 10]
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { map, mergeMap, Observable, range, VirtualTimeScheduler, type Subscription } from 'rxjs';
import { sinkRecords } from '../../src/client/sink-records.js';
import { FakeBulkOrg } from '../../test/support/fake-bulk-org.js';

const minutes = Number(process.argv[2] ?? 10);
const scheduler = new VirtualTimeScheduler();
const org = new FakeBulkOrg(scheduler);
const client = org.client();
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const heapMb = (): number => {
  gc();
  return process.memoryUsage().heapUsed / 1e6;
};

// every 100 ms, 500 records; each tick is scheduled anew (a periodic VirtualAction nests one
// action per period, which over hours of virtual time would be the only thing that grows)
const source = new Observable<number>((subscriber) => {
  let tick = 0;
  let next: Subscription | undefined;
  const emit = (): void => {
    subscriber.next(tick++);
    next = scheduler.schedule(emit, 100);
  };
  next = scheduler.schedule(emit, 100);
  return () => next?.unsubscribe();
}).pipe(
  mergeMap((tick) => range(tick * 500, 500)),
  map((i) => ({ Name: `Account ${i}`, Description: `record ${i} of an endless stream` })),
);
let records = 0;
let jobs = 0;
const sub = sinkRecords(client.bulk, 'Account', source, {
  maxRecordsPerJob: Number(process.argv[3] ?? 5_000),
  maxWaitMs: 2_000,
  concurrency: 3,
}).subscribe({
  next: (event) => {
    if (event.type !== 'jobResult') return;
    jobs++;
    records += event.result.successCount;
    // a pipeline keeps nothing: the fake org forgets finished jobs too
    org.jobs.delete(event.job.id);
  },
  error: (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
});

async function main(): Promise<void> {
  const started = Date.now();
  const samples: { minute: number; heapMb: number; records: number; jobs: number }[] = [];
  let nextSample = 60_000;
  const end = minutes * 60_000;
  while (scheduler.now() < end) {
    for (let i = 0; i < 3; i++) await new Promise((resolve) => setImmediate(resolve));
    const next = scheduler.actions[0];
    if (next === undefined) continue;
    scheduler.maxFrames = next.delay;
    scheduler.flush();
    if (scheduler.now() >= nextSample) {
      samples.push({ minute: nextSample / 60_000, heapMb: Number(heapMb().toFixed(1)), records, jobs });
      nextSample += 60_000;
    }
  }
  sub.unsubscribe();
  await client.whenSettled();
  console.table(samples);
  const first = samples[0]?.heapMb ?? 0;
  const last = samples[samples.length - 1]?.heapMb ?? 0;
  console.log(
    `sink: ${records} records in ${jobs} jobs over ${minutes} virtual minutes (${((Date.now() - started) / 1000).toFixed(1)} s real); heap ${first} MB after 1 min, ${last} MB after ${minutes} (x${(last / first).toFixed(2)})`,
  );
}

void main();
