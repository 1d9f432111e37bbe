import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lastValueFrom, take, toArray, type Observable } from 'rxjs';
import { fileJournal } from '../../src/node/file-journal.js';
import { JournalMismatchError } from '../../src/errors/journal-mismatch-error.js';
import { JournalWriteError } from '../../src/errors/journal-write-error.js';
import { LoadInterruptedError } from '../../src/errors/load-interrupted-error.js';
import { ValidationError } from '../../src/errors/validation-error.js';
import type { BulkResult } from '../../src/models/bulk-result.js';
import { memoryJournal, type LoadJournalStore } from '../../src/operations/ingest/journal/journal-store.js';
import type { LoadJournal } from '../../src/operations/ingest/journal/load-journal.js';
import { toResult } from '../../operators/to-result.js';
import { eventually, startFixture, type EmulatorFixture } from '../support/emulator-client.js';

let fx: EmulatorFixture;
afterEach(async () => fx?.close());

const rows = (n: number, from = 0) =>
  Array.from({ length: n }, (_, i) => ({ Name: `Acct ${from + i}`, Description: `d${from + i}` }));

/** An input stream of the rows, failing with a bad record (no fields) at `badAt` when given. */
async function* stream(input: readonly { Name: string }[], badAt?: number): AsyncGenerator<Record<string, unknown>> {
  for (let i = 0; i < input.length; i++) {
    if (i === badAt) yield { 'not a field!': 'x' };
    yield input[i] as Record<string, unknown>;
  }
}

/** Every input row is in the org exactly once, and in the result exactly once, tied to its index. */
function expectExactlyOnce(result: BulkResult, input: readonly { Name: string }[]): void {
  const names = fx.emulator.org.records('Account').map((r) => String(r.Name));
  expect(names.sort()).toEqual(input.map((r) => r.Name).sort());
  expect(result.successCount).toBe(input.length);
  expect(new Set(result.successRecords.map((r) => r.inputIndex)).size).toBe(input.length);
  for (const row of result.successRecords) expect(row.fields.Name).toBe(input[row.inputIndex as number]?.Name);
}

const insert = (input: unknown, store: LoadJournalStore): Observable<BulkResult> =>
  fx.client.bulk
    .insert('Account', input as Iterable<Record<string, unknown>>, {
      maxRecordsPerJob: 100,
      concurrency: 2,
      journal: { store },
    })
    .pipe(toResult());

describe('load journal', () => {
  it('records every slice, its job, final state and counts, then the load as complete', async () => {
    fx = await startFixture();
    const store = memoryJournal();
    const result = await lastValueFrom(insert(rows(250), store));
    expect(result.successCount).toBe(250);
    const journal = store.current as LoadJournal;
    expect(journal.status).toBe('complete');
    expect(journal.inputEnded).toBe(true);
    expect(journal.rowsRead).toBe(250);
    expect(
      journal.slices.map((s) => [s.index, s.start, s.rows, s.attempts.map((a) => [a.state, a.processed, a.settled])]),
    ).toEqual([
      [0, 0, 100, [['JobComplete', 100, true]]],
      [1, 100, 100, [['JobComplete', 100, true]]],
      [2, 200, 50, [['JobComplete', 50, true]]],
    ]);
    // result.jobs is in creation order, which concurrent slices may swap; the journal is in slice order
    expect(journal.slices.map((s) => s.attempts[0]?.jobId).sort()).toEqual(result.jobs.map((j) => j.id).sort());
  });

  it('resumes an interrupted load: finished jobs are not run again, every row is in the org once', async () => {
    fx = await startFixture({ processing: { recordsPerSecond: 2000, tickMs: 10 } });
    const store = memoryJournal();
    const input = rows(600);
    // interrupted once two jobs have finished (unsubscribing aborts what is running)
    await lastValueFrom(
      fx.client.bulk
        .insert('Account', input, { maxRecordsPerJob: 100, concurrency: 2, journal: { store } })
        .pipe(take(12), toArray()),
    );
    await fx.client.whenSettled();
    const before = fx.emulator.jobs.list().length;
    const resumed = await lastValueFrom(insert(input, store));
    expectExactlyOnce(resumed, input);
    const journal = store.current as LoadJournal;
    expect(journal.status).toBe('complete');
    // jobs that finished before the interruption were reused, not created again
    const finishedBefore = fx.emulator.jobs
      .list()
      .slice(0, before)
      .filter((j) => j.state === 'JobComplete');
    for (const job of finishedBefore) expect(resumed.jobs.map((j) => j.id)).toContain(job.id);
    expect(fx.emulator.jobs.list().length - before).toBeLessThanOrEqual(6 - finishedBefore.length);
  });

  it('running a finished load again re-reads its results and creates nothing', async () => {
    fx = await startFixture();
    const store = memoryJournal();
    const input = rows(150);
    await lastValueFrom(insert(input, store));
    const jobs = fx.emulator.jobs.list().length;
    const again = await lastValueFrom(insert(input, store));
    expect(fx.emulator.jobs.list()).toHaveLength(jobs);
    expectExactlyOnce(again, input);
  });

  it('a bad record late in a stream: the jobs that ran are reported with their rows, and the fixed input resumes', async () => {
    fx = await startFixture();
    const store = memoryJournal();
    const input = rows(450);
    const error = await lastValueFrom(insert(stream(input, 320), store)).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(LoadInterruptedError);
    const stopped = error as LoadInterruptedError;
    expect(stopped.cause).toBeInstanceOf(ValidationError);
    expect(stopped.jobs.length).toBeGreaterThanOrEqual(3);
    expect(stopped.jobs.every((j) => j.isComplete())).toBe(true);
    expect(stopped.result.successCount).toBe(fx.emulator.org.records('Account').length);
    expect(stopped.result.successCount).toBe(300);
    // the input is fixed (the bad record removed): the load resumes, nothing is loaded twice
    const resumed = await lastValueFrom(insert(stream(input), store));
    expectExactlyOnce(resumed, input);
  });

  it('an input fixed after a bad record resumes though its size changed; a whole input read is checked by size', async () => {
    fx = await startFixture();
    const store = memoryJournal();
    const input = rows(450);
    const load = (records: unknown, size: number) =>
      fx.client.bulk
        .insert('Account', records as Iterable<Record<string, unknown>>, {
          maxRecordsPerJob: 100,
          concurrency: 2,
          journal: { store, input: { name: 'accounts.csv', size } },
        })
        .pipe(toResult());
    const stopped = await lastValueFrom(load(stream(input, 320), 9_000)).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(stopped).toBeInstanceOf(LoadInterruptedError);
    // the fixed file is another size: the slices already loaded are checked by checksum instead
    const resumed = await lastValueFrom(load(stream(input), 8_990));
    expectExactlyOnce(resumed, input);
    // once the whole input was read, a file of another size is another file
    const again = await lastValueFrom(load(stream(input), 9_999)).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(again).toBeInstanceOf(JournalMismatchError);
    expect((again as Error).message).toMatch(/input size was 8990, now 9999/);
  });

  it('refuses to resume with an input that changed, naming the first slice that differs', async () => {
    fx = await startFixture({ processing: { recordsPerSecond: 1000, tickMs: 10 } });
    const store = memoryJournal();
    const input = rows(400);
    await lastValueFrom(
      fx.client.bulk
        .insert('Account', input, { maxRecordsPerJob: 100, concurrency: 1, journal: { store } })
        .pipe(take(6), toArray()),
    );
    await fx.client.whenSettled();
    const jobs = fx.emulator.jobs.list().length;
    const changed = input.map((r, i) => (i === 42 ? { ...r, Description: 'edited' } : r));
    const error = await lastValueFrom(insert(changed, store)).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(JournalMismatchError);
    expect((error as JournalMismatchError).slice).toEqual({ index: 0, firstRow: 0, rows: 100 });
    expect((error as Error).message).toMatch(/slice 1 \(input rows 1 to 100\)/);
    expect(fx.emulator.jobs.list()).toHaveLength(jobs); // nothing created
  });

  it('refuses to complete a resume whose input ends before slices an earlier run started', async () => {
    fx = await startFixture({ processing: { recordsPerSecond: 1000, tickMs: 10 } });
    const store = memoryJournal();
    const input = rows(400);
    await lastValueFrom(
      fx.client.bulk
        .insert('Account', input, { maxRecordsPerJob: 100, concurrency: 2, journal: { store } })
        .pipe(take(6), toArray()),
    );
    await fx.client.whenSettled();
    expect(store.current?.slices.length).toBeGreaterThanOrEqual(2);
    // the input cut at a slice boundary: slice 1 checks, slice 2 is never read again
    const error = await lastValueFrom(insert(input.slice(0, 100), store)).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(JournalMismatchError);
    expect((error as JournalMismatchError).slice).toEqual({ index: 1, firstRow: 100, rows: 100 });
    expect((error as Error).message).toMatch(/ends before slice 2 \(input rows 101 to 200\)/);
    expect(store.current?.status).toBe('running');
  });

  it('refuses a journal of another load', async () => {
    fx = await startFixture();
    const store = memoryJournal();
    await lastValueFrom(insert(rows(10), store));
    const error = await lastValueFrom(
      fx.client.bulk.update('Account', [{ Id: '001xx000003DGb2AAG', Name: 'x' }], { journal: { store } }),
    ).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(JournalMismatchError);
    expect((error as Error).message).toMatch(/operation was "insert", now "update"/);
  });

  it('a journal that cannot be written stops the load before any job holds rows it does not know of', async () => {
    fx = await startFixture();
    const memory = memoryJournal();
    let writes = 0;
    const failing: LoadJournalStore = {
      read: () => memory.read(),
      write: async (journal) => {
        writes += 1;
        if (journal.slices.length >= 3)
          throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
        await memory.write(journal);
      },
    };
    const error = await lastValueFrom(
      fx.client.bulk
        .insert('Account', rows(500), { maxRecordsPerJob: 100, concurrency: 1, journal: { store: failing } })
        .pipe(toResult()),
    ).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(writes).toBeGreaterThan(3);
    expect(error).toBeInstanceOf(LoadInterruptedError);
    expect((error as LoadInterruptedError).cause).toBeInstanceOf(JournalWriteError);
    // every job holding rows is in the stored journal
    await fx.client.whenSettled();
    const journaled = new Set((memory.current?.slices ?? []).flatMap((s) => s.attempts.map((a) => a.jobId)));
    const holding = fx.emulator.jobs.list().filter((j) => j.state !== 'Aborted' && j.state !== 'Open');
    for (const job of holding) expect(journaled.has(job.id)).toBe(true);
    expect(fx.emulator.org.records('Account')).toHaveLength((error as LoadInterruptedError).result.successCount);
  });

  it('fileJournal writes the journal atomically to a file that a new process can resume from', async () => {
    fx = await startFixture();
    const dir = mkdtempSync(join(tmpdir(), 'kinetic-journal-'));
    try {
      const path = join(dir, 'journal.json');
      const input = rows(120);
      await lastValueFrom(insert(input, fileJournal(path)));
      const stored = JSON.parse(readFileSync(path, 'utf8')) as LoadJournal;
      expect(stored.status).toBe('complete');
      expect(stored.slices).toHaveLength(2);
      await eventually(() => true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
