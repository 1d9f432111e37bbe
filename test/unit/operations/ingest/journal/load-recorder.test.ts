import { VirtualTimeScheduler } from 'rxjs';
import { JournalMismatchError } from '../../../../../src/errors/journal-mismatch-error.js';
import { JournalWriteError } from '../../../../../src/errors/journal-write-error.js';
import { memoryJournal, type LoadJournalStore } from '../../../../../src/operations/ingest/journal/journal-store.js';
import type { LoadJournal } from '../../../../../src/operations/ingest/journal/load-journal.js';
import {
  LoadRecorder,
  type LoadIdentity,
  type SliceFacts,
} from '../../../../../src/operations/ingest/journal/load-recorder.js';
import { jobSnapshot } from '../../../../support/jobs.js';

const LOAD: LoadIdentity = {
  operation: 'upsert',
  object: 'Contact',
  externalIdField: 'Ext__c',
  slicing: { columnDelimiter: 'COMMA', lineEnding: 'LF', maxBytesPerJob: 1000, maxRecordsPerJob: 10 },
  input: { name: 'contacts.csv', size: 500 },
};

const slice = (index: number, start: number, rows = 10, checksum = `${index}`.padStart(16, 'a')): SliceFacts => ({
  index,
  start,
  rows,
  bytes: rows * 10,
  checksum,
});

function clock(at = Date.UTC(2026, 0, 2, 3, 4, 5)): VirtualTimeScheduler {
  const scheduler = new VirtualTimeScheduler();
  scheduler.frame = at;
  return scheduler;
}

/** A journal of one load with slices 0 and 1 started (slice 1 with two attempts). */
async function journaled(store = memoryJournal()): Promise<ReturnType<typeof memoryJournal>> {
  const recorder = await LoadRecorder.open(store, LOAD, clock());
  recorder.verify(slice(0, 0));
  await recorder.creating(slice(0, 0), 0, 10);
  recorder.verify(slice(1, 10));
  await recorder.creating(slice(1, 10), 0, 10);
  await recorder.creating(slice(1, 10), 1, 4);
  return store;
}

describe('LoadRecorder', () => {
  it('starts a journal: the load, its slicing and input, running, nothing read', async () => {
    const store = memoryJournal();
    await LoadRecorder.open(store, LOAD, clock());
    expect(store.current).toEqual({
      kind: 'kinetic-core/load-journal',
      version: 1,
      createdAt: '2026-01-02T03:04:05.000Z',
      updatedAt: '2026-01-02T03:04:05.000Z',
      operation: 'upsert',
      object: 'Contact',
      externalIdField: 'Ext__c',
      slicing: LOAD.slicing,
      input: LOAD.input,
      status: 'running',
      rowsRead: 0,
      inputEnded: false,
      slices: [],
    } satisfies LoadJournal);
  });

  it('leaves out an external id field and input it was not given', async () => {
    const store = memoryJournal();
    await LoadRecorder.open(
      store,
      { ...LOAD, operation: 'insert', externalIdField: undefined, input: undefined },
      clock(),
    );
    expect(store.current && 'externalIdField' in store.current).toBe(false);
    expect(store.current && 'input' in store.current).toBe(false);
  });

  it('records each slice before its job is created, then the job, its progress, and its end', async () => {
    const store = memoryJournal();
    const scheduler = clock();
    const recorder = await LoadRecorder.open(store, LOAD, scheduler);
    await recorder.creating(slice(1, 10), 0, 10);
    await recorder.creating(slice(0, 0), 0, 10);
    expect(store.current?.slices.map((s) => s.index)).toEqual([0, 1]);
    expect(store.current?.rowsRead).toBe(20);
    scheduler.frame += 1000;
    await recorder.created(0, 0, jobSnapshot({ id: '750A', state: 'Open' }));
    recorder.seen(
      0,
      0,
      jobSnapshot({ id: '750A', state: 'InProgress', numberRecordsProcessed: 4, numberRecordsFailed: 1 }),
    );
    await recorder.settled(0, 0);
    expect(store.current?.slices[0]).toEqual({
      index: 0,
      start: 0,
      rows: 10,
      bytes: 100,
      checksum: slice(0, 0).checksum,
      attempts: [
        {
          rows: 10,
          createSentAt: '2026-01-02T03:04:05.000Z',
          jobId: '750A',
          state: 'InProgress',
          processed: 4,
          failed: 1,
          settled: true,
        },
      ],
    });
    expect(store.current?.updatedAt).toBe('2026-01-02T03:04:06.000Z');
    // an update of an attempt or slice never recorded changes nothing
    await recorder.created(5, 0, jobSnapshot({ id: '750B' }));
    await recorder.settled(0, 3);
    expect(store.current?.slices.length).toBe(2);
    expect(store.current?.slices[0]?.attempts.length).toBe(1);
  });

  it('a new attempt of a slice replaces the attempts after it; rows read only grow', async () => {
    const store = await journaled();
    const recorder = await LoadRecorder.open(store, LOAD, clock());
    recorder.verify(slice(0, 0));
    await recorder.creating(slice(0, 0), 0, 3);
    expect(store.current?.slices[0]?.attempts).toEqual([{ rows: 3, createSentAt: '2026-01-02T03:04:05.000Z' }]);
    expect(store.current?.slices[1]?.attempts.map((a) => a.rows)).toEqual([10, 4]);
    expect(store.current?.rowsRead).toBe(20);
    await recorder.creating(slice(1, 10), 1, 2);
    expect(store.current?.slices[1]?.attempts.map((a) => a.rows)).toEqual([10, 2]);
  });

  it('ends: input ended after n rows, then complete', async () => {
    const store = await journaled();
    const recorder = await LoadRecorder.open(store, LOAD, clock());
    await recorder.inputEnded(17);
    expect(store.current).toMatchObject({ rowsRead: 17, inputEnded: true, status: 'running' });
    await recorder.complete();
    expect(store.current?.status).toBe('complete');
  });

  it('resumes a journal: earlier slices are known, and the same input passes', async () => {
    const store = await journaled();
    const recorder = await LoadRecorder.open(store, { ...LOAD, object: 'contact' }, clock());
    expect(recorder.earlierRun(1)?.attempts.length).toBe(2);
    expect(recorder.earlierRun(2)).toBeUndefined();
    recorder.verify(slice(0, 0));
    recorder.verify(slice(1, 10));
    recorder.verify(slice(2, 20)); // a slice the earlier run never reached
    expect(() => recorder.checkAllReached()).not.toThrow();
  });

  it.each([
    ['checksum', slice(1, 10, 10, 'ffffffffffffffff')],
    ['rows', slice(1, 10, 9)],
    ['start', slice(1, 11)],
  ])('refuses a slice whose %s changed', async (_what, changed) => {
    const recorder = await LoadRecorder.open(await journaled(), LOAD, clock());
    expect(() => recorder.verify(changed)).toThrow(JournalMismatchError);
    try {
      recorder.verify(changed);
    } catch (error) {
      expect(error).toMatchObject({
        message: expect.stringContaining('at slice 2 (input rows 11 to 20)'),
        slice: { index: 1, firstRow: 10, rows: 10 },
      });
    }
  });

  it('refuses an input that ends before a slice the earlier run started', async () => {
    const recorder = await LoadRecorder.open(await journaled(), LOAD, clock());
    recorder.verify(slice(0, 0));
    expect(() => recorder.checkAllReached()).toThrow(
      'The input ends before slice 2 (input rows 11 to 20), which an earlier run of this load started',
    );
  });

  it.each([
    ['operation', { operation: 'update' }, 'upsert', 'update'],
    ['object', { object: 'Account' }, 'Contact', 'Account'],
    ['external id field', { externalIdField: 'Other__c' }, 'Ext__c', 'Other__c'],
    ['external id field', { externalIdField: undefined }, 'Ext__c', undefined],
    ['columnDelimiter', { slicing: { ...LOAD.slicing, columnDelimiter: 'TAB' } }, 'COMMA', 'TAB'],
    ['lineEnding', { slicing: { ...LOAD.slicing, lineEnding: 'CRLF' } }, 'LF', 'CRLF'],
    ['maxBytesPerJob', { slicing: { ...LOAD.slicing, maxBytesPerJob: 999 } }, 1000, 999],
    ['maxRecordsPerJob', { slicing: { ...LOAD.slicing, maxRecordsPerJob: 9 } }, 10, 9],
    ['assignmentRuleId', { slicing: { ...LOAD.slicing, assignmentRuleId: '01Q' } }, undefined, '01Q'],
  ] as const)('refuses to resume another load: its %s', async (what, change, was, now) => {
    const store = await journaled();
    await expect(LoadRecorder.open(store, { ...LOAD, ...change }, clock())).rejects.toThrow(
      new JournalMismatchError(
        `The journal records another load: its ${what} was ${JSON.stringify(was)}, now ${JSON.stringify(now)}. Use the same ${what} to resume it, or start a new load with a new journal.`,
      ),
    );
  });

  it('an input of another size resumes while the input was not read to its end, not after', async () => {
    const store = await journaled();
    const bigger = { ...LOAD, input: { name: 'contacts.csv', size: 600 } };
    const recorder = await LoadRecorder.open(store, bigger, clock());
    await recorder.creating(slice(2, 20), 0, 10);
    // the journal now holds the input as it is
    expect(store.current?.input).toEqual({ name: 'contacts.csv', size: 600 });
    await recorder.inputEnded(30);
    await expect(LoadRecorder.open(store, LOAD, clock())).rejects.toThrow('its input size was 600, now 500');
    // sizes that are not known are not compared
    await expect(
      LoadRecorder.open(store, { ...LOAD, input: { name: 'contacts.csv' } }, clock()),
    ).resolves.toBeDefined();
    await expect(LoadRecorder.open(store, { ...LOAD, input: undefined }, clock())).resolves.toBeDefined();
  });

  it('refuses a journal that is not one', async () => {
    const store: LoadJournalStore = { read: async () => ({ kind: 'something else' }), write: async () => undefined };
    await expect(LoadRecorder.open(store, LOAD, clock())).rejects.toThrow('load journal');
  });

  it('a failed write fails with JournalWriteError, and so does every later one', async () => {
    let fail = false;
    const written: LoadJournal[] = [];
    const store: LoadJournalStore = {
      read: async () => undefined,
      write: async (journal) => {
        if (fail) throw new Error('disk full');
        written.push(journal);
      },
    };
    const recorder = await LoadRecorder.open(store, LOAD, clock());
    fail = true;
    await expect(recorder.creating(slice(0, 0), 0, 10)).rejects.toThrow(new JournalWriteError(new Error('disk full')));
    fail = false;
    await expect(recorder.complete()).rejects.toBeInstanceOf(JournalWriteError);
    expect(written.length).toBe(1);
  });

  it('writes in order, each a copy of the journal as it was', async () => {
    const written: LoadJournal[] = [];
    const store: LoadJournalStore = {
      read: async () => null,
      write: async (journal) => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        written.push(journal);
      },
    };
    const recorder = await LoadRecorder.open(store, LOAD, clock());
    const first = recorder.creating(slice(0, 0), 0, 10);
    recorder.seen(0, 0, jobSnapshot({ id: '750A', state: 'InProgress' }));
    await Promise.all([first, recorder.complete()]);
    expect(written.map((j) => [j.status, j.slices[0]?.attempts[0]?.jobId])).toEqual([
      ['running', undefined],
      ['running', undefined],
      ['running', '750A'],
      ['complete', '750A'],
    ]);
  });
});
