import { lastValueFrom, take, toArray } from 'rxjs';
import { toResult } from '../../operators/to-result.js';
import { BulkTimeoutError } from '../../src/errors/bulk-timeout-error.js';
import { ValidationError } from '../../src/errors/validation-error.js';
import type { BulkEvent } from '../../src/operations/shared/bulk-event.js';
import type { BulkResult } from '../../src/models/bulk-result.js';
import { eventually, startFixture, type EmulatorFixture } from '../support/emulator-client.js';

// The client.bulk methods the CLI's `jobs` commands stand on: getJob, listJobs, abortJob,
// waitForJob (resume an existing job) and jobResults (stream a finished job's result rows).

let fx: EmulatorFixture;
afterEach(async () => fx?.close());

/** Starts an insert without waiting and returns its job id. */
async function startInsert(names: readonly string[]): Promise<string> {
  const events = await lastValueFrom(
    fx.client.bulk
      .insert(
        'Account',
        names.map((Name) => ({ Name })),
        { wait: false },
      )
      .pipe(toArray()),
  );
  const last = events[events.length - 1];
  if (last?.type !== 'job') throw new Error('no job event');
  return last.job.id;
}

const names = (n: number, blankEvery = 0): string[] =>
  Array.from({ length: n }, (_, i) => (blankEvery && i % blankEvery === 0 ? '' : `Row ${i}`));

describe('client.bulk job methods', () => {
  it('waitForJob resumes an ingest job: distinct snapshots until terminal, then a result from its files', async () => {
    fx = await startFixture({ processing: { recordsPerSecond: 5_000, tickMs: 20 } });
    const id = await startInsert(names(1_000, 250));
    const events: BulkEvent<BulkResult>[] = await lastValueFrom(fx.client.bulk.waitForJob(id).pipe(toArray()));
    const snapshots = events.filter((e) => e.type === 'job').map((e) => (e.type === 'job' ? e.job : undefined));
    expect(snapshots.length).toBeGreaterThan(1);
    expect(snapshots[snapshots.length - 1]?.state).toBe('JobComplete');
    const last = events[events.length - 1];
    if (last?.type !== 'result') throw new Error('no result');
    expect(last.result).toMatchObject({ successCount: 996, failedCount: 4, unprocessedCount: 0 });
    expect(last.result.failedRecords.map((r) => r.error.statusCode)).toEqual(Array(4).fill('REQUIRED_FIELD_MISSING'));
    expect(last.result.failedRecords.every((r) => r.jobId === id && r.inputIndex === undefined)).toBe(true);
    expect(new Set(last.result.successRecords.map((r) => r.id))).toEqual(
      new Set(fx.emulator.org.records('Account').map((r) => r.Id)),
    );
  });

  it('waitForJob keeps counts only with resultRows: none, and validates its options', async () => {
    fx = await startFixture();
    const id = await startInsert(names(10, 5));
    const result = await lastValueFrom(fx.client.bulk.waitForJob(id, { resultRows: 'none' }).pipe(toResult()));
    expect(result).toMatchObject({ successCount: 8, failedCount: 2, successRecords: [], failedRecords: [] });
    expect(() =>
      fx.client.bulk.waitForJob(id, { bogus: 1 } as never).subscribe({ error: () => undefined }),
    ).not.toThrow();
    await expect(lastValueFrom(fx.client.bulk.waitForJob(id, { bogus: 1 } as never))).rejects.toThrow(ValidationError);
  });

  it('unsubscribing from waitForJob never aborts the job; a deadline is a BulkTimeoutError with the job left running', async () => {
    fx = await startFixture({ processing: { recordsPerSecond: 200, tickMs: 20 } });
    const id = await startInsert(names(2_000));
    await lastValueFrom(fx.client.bulk.waitForJob(id).pipe(take(2)));
    await fx.client.whenSettled();
    expect(fx.emulator.jobs.get(id)?.state).toBe('InProgress');
    const timeout = lastValueFrom(fx.client.bulk.waitForJob(id, { timeoutMinutes: 0.005 }));
    await expect(timeout).rejects.toBeInstanceOf(BulkTimeoutError);
    await expect(timeout).rejects.toMatchObject({ jobId: id });
    expect(fx.emulator.jobs.get(id)?.state).toBe('InProgress');

    // abortJob aborts it; a second abort answers with the job as it is
    const aborted = await lastValueFrom(fx.client.bulk.abortJob(id));
    expect(aborted.state).toBe('Aborted');
    expect(fx.emulator.jobs.get(id)?.state).toBe('Aborted');
    expect((await lastValueFrom(fx.client.bulk.abortJob(id))).state).toBe('Aborted');
  });

  it('getJob and abortJob find query jobs too; waitForJob ends a query job after its terminal snapshot', async () => {
    fx = await startFixture({ processing: { recordsPerSecond: 100, tickMs: 20 } });
    fx.emulator.org.insert(
      'Account',
      names(500).map((Name) => ({ Name })),
    );
    const cursor = fx.client.bulk.queryCursor('SELECT Id FROM Account');
    const reading = cursor.nextBatch().catch(() => null);
    await eventually(() => fx.emulator.jobs.list().some((j) => j.kind === 'query' && j.state === 'InProgress'));
    const id = fx.emulator.jobs.list().find((j) => j.kind === 'query')?.id ?? '';
    expect(await lastValueFrom(fx.client.bulk.getJob(id))).toMatchObject({ id, kind: 'query', state: 'InProgress' });
    const waited = lastValueFrom(fx.client.bulk.waitForJob(id).pipe(toArray()));
    expect((await lastValueFrom(fx.client.bulk.abortJob(id))).state).toBe('Aborted');
    const events = await waited;
    expect(events.every((e) => e.type === 'job')).toBe(true);
    expect(events[events.length - 1]).toMatchObject({ type: 'job', job: { state: 'Aborted' } });
    await cursor.close();
    await reading;

    await expect(lastValueFrom(fx.client.bulk.jobResults(id))).rejects.toThrow(/is a query job/);
    const kinds = await lastValueFrom(fx.client.bulk.listJobs({ kind: 'query' }).pipe(toArray()));
    expect(kinds.map((j) => [j.id, j.kind])).toEqual([[id, 'query']]);
  });

  it('jobResults streams only the files asked for, in that order, and refuses a running job', async () => {
    fx = await startFixture();
    const id = await startInsert(names(6, 3));
    const batches = await lastValueFrom(fx.client.bulk.jobResults(id, ['failed', 'success']).pipe(toArray()));
    expect(batches.map((b) => [b.kind, b.rows.length])).toEqual([
      ['failed', 2],
      ['success', 4],
    ]);
    expect(fx.emulator.stats().requests['ingest.unprocessedrecords']).toBeUndefined();

    const slow = await startFixture({ processing: { recordsPerSecond: 10, tickMs: 20 } });
    try {
      const events = await lastValueFrom(
        slow.client.bulk.insert('Account', [{ Name: 'slow' }, { Name: 'slower' }], { wait: false }).pipe(toArray()),
      );
      const running = events[events.length - 1];
      if (running?.type !== 'job') throw new Error('no job');
      await expect(lastValueFrom(slow.client.bulk.jobResults(running.job.id))).rejects.toThrow(
        /results exist once it is JobComplete, Failed or Aborted/,
      );
    } finally {
      await slow.close();
    }
  });
});
