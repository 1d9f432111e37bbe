import { VirtualTimeScheduler, type Observable } from 'rxjs';
import { sinkRecords, type BulkResult, type BulkV2Client, type SinkEvent } from 'kinetic-core';
import { JournalMismatchError } from '../../../../src/errors/journal-mismatch-error.js';
import { RecordQueue } from '../../../../src/operations/sink/record-queue.js';
import { memorySinkJournal } from '../../../../src/operations/sink/sink-journal-store.js';
import { SinkRecorder } from '../../../../src/operations/sink/sink-recorder.js';
import { BulkJob } from '../../../../src/models/bulk-job.js';

describe('RecordQueue', () => {
  it('is first in, first out across compactions, with records put back ahead', () => {
    const queue = new RecordQueue<number>();
    for (let i = 0; i < 5_000; i++) queue.push(i);
    const out: number[] = [];
    for (let i = 0; i < 3_000; i++) out.push(queue.shift() as number);
    queue.unshiftAll([-2, -1]);
    expect(queue.size).toBe(2_002);
    expect(queue.peek()).toBe(-2);
    while (queue.size > 0) out.push(queue.shift() as number);
    expect(out.slice(0, 3_000)).toEqual(Array.from({ length: 3_000 }, (_, i) => i));
    expect(out.slice(3_000, 3_002)).toEqual([-2, -1]);
    expect(out.slice(3_002)).toEqual(Array.from({ length: 2_000 }, (_, i) => 3_000 + i));
    expect(queue.shift()).toBeUndefined();
  });
});

describe('SinkRecorder', () => {
  const identity = { operation: 'insert', object: 'Account', externalIdField: undefined } as const;
  const job = (id: string) => new BulkJob({ id, operation: 'insert', object: 'Account', state: 'Open' } as never);

  it("keeps a job's records from before its creation until it is done, and what the sink held when it stopped", async () => {
    const store = memorySinkJournal();
    const scheduler = new VirtualTimeScheduler();
    const recorder = await SinkRecorder.open(store, identity, scheduler);
    const key = recorder.newKey();
    recorder.register(key, [{ Name: 'A' }, { Name: 'B' }]);
    await recorder.creating({ index: key, start: 0, rows: 2, bytes: 0, checksum: '' }, 0);
    expect(store.current?.jobs).toEqual([
      { key: 0, records: [{ Name: 'A' }, { Name: 'B' }], attempts: [expect.any(Object)] },
    ]);
    expect(store.current?.jobs[0]?.attempts[0]?.createSentAt).toBeDefined();
    await recorder.created(key, 0, job('750xx0000000001AAA'));
    expect(store.current?.jobs[0]?.attempts[0]?.jobId).toBe('750xx0000000001AAA');
    await recorder.stopped([{ Name: 'C' }]);
    // a restart sees the open job and the held record
    const again = await SinkRecorder.open(store, identity, scheduler);
    expect(again.unsettled().map((j) => j.key)).toEqual([0]);
    expect(again.takePending()).toEqual([{ Name: 'C' }]);
    expect(again.newKey()).toBe(1);
    await again.settled(0, 0);
    await again.done(0);
    expect(store.current).toMatchObject({ jobs: [], pending: [], nextKey: 2 });
  });

  it('refuses the journal of another sink', async () => {
    const store = memorySinkJournal();
    const scheduler = new VirtualTimeScheduler();
    await (await SinkRecorder.open(store, identity, scheduler)).stopped([]);
    await expect(SinkRecorder.open(store, { ...identity, object: 'Contact' }, scheduler)).rejects.toThrow(
      JournalMismatchError,
    );
    await expect(
      SinkRecorder.open({ read: async () => ({ kind: 'other' }), write: async () => undefined }, identity, scheduler),
    ).rejects.toThrow(JournalMismatchError);
  });
});

describe('public types of the sink', () => {
  it('typed records keep their type through the events and the per-job BulkResult', () => {
    interface Order {
      readonly Name: string;
      readonly AccountNumber: string;
    }
    const typed = (bulk: BulkV2Client, orders: Observable<Order>, more: AsyncIterable<Order>) => {
      const events: Observable<SinkEvent<Order>> = sinkRecords(bulk, 'Account', orders);
      const pulled: Observable<SinkEvent<Order>> = sinkRecords(bulk, 'Account', more, {
        operation: 'upsert',
        externalIdField: 'AccountNumber',
      });
      const first = (e: SinkEvent<Order>): Order | undefined =>
        e.type === 'jobResult' ? (e.result as BulkResult<Order>).inputOf(e.result.successRecords[0]!) : undefined;
      // @ts-expect-error an unknown option does not compile
      const wrong = sinkRecords(bulk, 'Account', orders, { maxRecords: 5 });
      return [events, pulled, first, wrong];
    };
    expect(typed).toBeInstanceOf(Function);
  });
});
