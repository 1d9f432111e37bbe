import { lastValueFrom, Subject, toArray } from 'rxjs';
import { loadInParallel, loadParentsThenChildren } from '../../docs/examples/compose-jobs.js';
import { BulkTimeoutError } from '../../src/errors/bulk-timeout-error.js';
import { cancelOn } from '../../operators/cancel-on.js';
import { retryFailedRecords } from '../../operators/retry-failed-records.js';
import { timeoutJob } from '../../operators/timeout-job.js';
import { toResult } from '../../operators/to-result.js';
import { eventually, startFixture, type EmulatorFixture } from '../support/emulator-client.js';

let fx: EmulatorFixture;
afterEach(async () => fx?.close());

const rows = (n: number, prefix = 'Row') => Array.from({ length: n }, (_, i) => ({ Name: `${prefix} ${i}` }));
const slow = { processing: { recordsPerSecond: 20, tickMs: 20 } } as const;

describe('operators against the emulator', () => {
  it('timeoutJob leaves the job Aborted on the server, not deleted', async () => {
    fx = await startFixture(slow);
    // generous budget: the job must exist (be InProgress) when the deadline passes, even on a loaded machine
    const error = await lastValueFrom(
      fx.client.bulk.insert('Account', rows(500)).pipe(timeoutJob({ ms: 1500 }), toResult()),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BulkTimeoutError);
    const jobId = (error as BulkTimeoutError).jobId as string;
    expect((error as BulkTimeoutError).lastJob?.state).toBe('Aborted');
    const server = fx.emulator.jobs.get(jobId);
    expect(server?.state).toBe('Aborted');
    expect(fx.emulator.org.records('Account').length).toBeLessThan(500);
  });

  it('cancelOn aborts the job, emits the Aborted snapshot and completes', async () => {
    fx = await startFixture(slow);
    const cancel$ = new Subject<void>();
    const events = lastValueFrom(fx.client.bulk.insert('Account', rows(500)).pipe(cancelOn(cancel$), toArray()));
    await eventually(() => fx.emulator.jobs.list().some((j) => j.state === 'InProgress'));
    cancel$.next();
    const seen = await events;
    const last = seen[seen.length - 1];
    expect(last?.type === 'job' && last.job.state).toBe('Aborted');
    expect(seen.some((e) => e.type === 'result')).toBe(false);
    const [job] = fx.emulator.jobs.list();
    expect(job?.state).toBe('Aborted');
  });

  it('cancelOn with an AbortSignal works the same', async () => {
    fx = await startFixture(slow);
    const controller = new AbortController();
    const done = lastValueFrom(
      fx.client.bulk.insert('Account', rows(200)).pipe(cancelOn(controller.signal), toArray()),
    );
    await eventually(() => fx.emulator.jobs.list().length === 1);
    controller.abort();
    await done;
    await fx.client.whenSettled();
    expect(fx.emulator.jobs.list()[0]?.state).toBe('Aborted');
  });

  it('retryFailedRecords resubmits only the failed rows as a new job, and the merged counts equal the input', async () => {
    fx = await startFixture();
    fx.emulator.jobs.failRows(3); // the first three rows processed fail with UNABLE_TO_LOCK_ROW
    const input = rows(10);
    const result = await lastValueFrom(
      fx.client.bulk.insert('Account', input).pipe(retryFailedRecords({ delay: 10 }), toResult()),
    );
    const jobs = fx.emulator.jobs.list();
    expect(jobs).toHaveLength(2);
    const retryCsv = fx.emulator.jobs.uploadedCsv(jobs[1]!.id) ?? '';
    expect(retryCsv.trim().split('\n')).toHaveLength(1 + 3); // header + the three failed rows only
    expect(result.totalRecords).toBe(10);
    expect(result.successCount).toBe(10);
    expect(result.successRecords.filter((r) => r.attempts === 2)).toHaveLength(3);
    expect(result.jobs.map((j) => j.id)).toEqual(jobs.map((j) => j.id));
    expect(fx.emulator.org.records('Account')).toHaveLength(10);
  });

  it('unsubscribing from a composed pipeline (docs/examples/compose-jobs.ts) aborts every job still open on the server', async () => {
    fx = await startFixture(slow);
    const contacts = Array.from({ length: 300 }, (_, i) => ({ LastName: `c${i}` }));
    const sub = loadInParallel(fx.client, { Account: rows(300), Contact: contacts }).subscribe();
    await eventually(
      () => fx.emulator.jobs.list().length === 2 && fx.emulator.jobs.list().every((j) => j.state !== 'Open'),
    );
    sub.unsubscribe();
    await fx.client.whenSettled();
    expect(fx.emulator.jobs.list().map((j) => j.state)).toEqual(['Aborted', 'Aborted']);
  });

  it('loads parents then children one after another (docs/examples/compose-jobs.ts)', async () => {
    fx = await startFixture();
    const results = await loadParentsThenChildren(
      fx.client,
      [
        { External_Key__c: 'P1', Name: 'Parent 1' },
        { External_Key__c: 'P2', Name: 'Parent 2' },
      ],
      [{ External_Id__c: 'C1', LastName: 'Child', Account: { External_Key__c: 'P2' } }],
    );
    expect(results.map((r) => r.successCount)).toEqual([2, 1]);
    const [job1, job2] = fx.emulator.jobs.list();
    expect(job2!.createdDate >= job1!.systemModstamp).toBe(true); // the child job started after the parent job ended
    const parent = fx.emulator.org.records('Account').find((a) => a.External_Key__c === 'P2');
    expect(fx.emulator.org.records('Contact')[0]?.AccountId).toBe(parent?.Id);
  });

  it('unsubscribing during the upload aborts the Open job', async () => {
    fx = await startFixture();
    fx.emulator.faults.inject({ route: 'ingest.upload', effect: { kind: 'latency', ms: 300 } });
    const sub = fx.client.bulk.insert('Account', rows(5)).subscribe();
    await eventually(() => fx.emulator.jobs.list().length === 1);
    sub.unsubscribe();
    await fx.client.whenSettled();
    await eventually(() => fx.emulator.jobs.list()[0]?.state === 'Aborted');
  });
});

describe('typed input through the result', () => {
  it('inputOf gives back the record a result row came from, typed, retries included', async () => {
    fx = await startFixture();
    interface AccountRow {
      Name: string;
      Description: string;
    }
    const rows: AccountRow[] = [
      { Name: 'Typed 1', Description: 'one' },
      { Name: '', Description: 'no name: fails' },
    ];
    const result = await lastValueFrom(fx.client.bulk.insert('Account', rows).pipe(retryFailedRecords(), toResult()));
    const failed = result.failedRecords[0];
    expect(failed && result.inputOf(failed)).toEqual(rows[1]);
    const saved = result.successRecords[0];
    expect(saved && result.inputOf(saved)?.Name).toBe('Typed 1');
  });
});
