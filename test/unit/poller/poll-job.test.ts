import { Observable } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { BulkTimeoutError } from '../../../src/errors/bulk-timeout-error.js';
import type { BulkJob } from '../../../src/models/bulk-job.js';
import { pollJob, sameProgress } from '../../../src/poller/poll-job.js';
import { backoffPolling, fixedPolling } from '../../../src/poller/poll-policy.js';
import { jobSnapshot } from '../../support/jobs.js';

function scheduler(): TestScheduler {
  return new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
}

/** A fake GET that answers snapshot n on the n-th call and records when it was called. */
function fakeServer(ts: TestScheduler, snapshots: BulkJob[]): { fetch: () => Observable<BulkJob>; calls: number[] } {
  const calls: number[] = [];
  let i = 0;
  return {
    calls,
    fetch: () =>
      new Observable<BulkJob>((sub) => {
        calls.push(ts.now());
        const snap = snapshots[Math.min(i, snapshots.length - 1)];
        i += 1;
        sub.next(snap as BulkJob);
        sub.complete();
      }),
  };
}

const inProgress = (n: number) => jobSnapshot({ state: 'InProgress', numberRecordsProcessed: n });

describe('pollJob', () => {
  it('polls after 2000, 3000, 4500, 6750 ms ... and caps the delay at 30000 ms', () => {
    const ts = scheduler();
    ts.run(({ flush }) => {
      const snaps = Array.from({ length: 12 }, (_, k) => inProgress(k));
      snaps.push(jobSnapshot({ state: 'JobComplete', numberRecordsProcessed: 99 }));
      const server = fakeServer(ts, snaps);
      pollJob(server.fetch, { scheduler: ts }).subscribe();
      flush();
      const gaps = server.calls.map((t, k) => t - (server.calls[k - 1] ?? 0));
      expect(gaps).toEqual([2000, 3000, 4500, 6750, 10125, 15188, 22781, 30000, 30000, 30000, 30000, 30000, 30000]);
    });
  });

  it('emits only when state or counts change, and completes on JobComplete', () => {
    const ts = scheduler();
    ts.run(({ expectObservable }) => {
      const a = jobSnapshot({ state: 'UploadComplete' });
      const b = inProgress(10);
      const c = jobSnapshot({ state: 'JobComplete', numberRecordsProcessed: 20 });
      const server = fakeServer(ts, [a, a, b, b, c]);
      // polls at 2000, 5000, 9500, 16250, 26375
      expectObservable(pollJob(server.fetch, { scheduler: ts })).toBe('2000ms a 7499ms b 16874ms (c|)', { a, b, c });
    });
  });

  it.each(['Failed', 'Aborted'] as const)('completes on %s', (state) => {
    const ts = scheduler();
    ts.run(({ expectObservable }) => {
      const done = jobSnapshot({ state, errorMessage: state === 'Failed' ? 'InvalidBatch : x' : undefined });
      const server = fakeServer(ts, [done]);
      expectObservable(pollJob(server.fetch, { scheduler: ts, policy: fixedPolling(1000) })).toBe('1000ms (a|)', {
        a: done,
      });
    });
  });

  it('does not re-emit the snapshot it was given as initial', () => {
    const ts = scheduler();
    ts.run(({ expectObservable }) => {
      const initial = jobSnapshot({ state: 'UploadComplete' });
      const done = jobSnapshot({ state: 'JobComplete', numberRecordsProcessed: 1 });
      const server = fakeServer(ts, [jobSnapshot({ state: 'UploadComplete' }), done]);
      expectObservable(pollJob(server.fetch, { scheduler: ts, initial, policy: fixedPolling(10) })).toBe('20ms (d|)', {
        d: done,
      });
    });
  });

  it('errors with BulkTimeoutError carrying the job id and last snapshot at the deadline', () => {
    const ts = scheduler();
    ts.run(({ expectObservable }) => {
      const running = inProgress(5);
      const server = fakeServer(ts, [running]);
      const polls = pollJob(server.fetch, {
        scheduler: ts,
        policy: backoffPolling({ initialDelayMs: 1000, factor: 1 }),
        timeoutMs: 3500,
      });
      expectObservable(polls).toBe('1000ms a 2499ms #', { a: running }, new BulkTimeoutError(3500, running));
    });
    expect(new BulkTimeoutError(3500, inProgress(5)).jobId).toBe('750000000000001AAA');
  });

  it('stops polling when unsubscribed (no timer left)', () => {
    const ts = scheduler();
    ts.run(({ flush }) => {
      const server = fakeServer(ts, [inProgress(1), inProgress(2), inProgress(3)]);
      const sub = pollJob(server.fetch, { scheduler: ts, policy: fixedPolling(100) }).subscribe();
      ts.schedule(() => sub.unsubscribe(), 250);
      flush();
      expect(server.calls).toEqual([100, 200]);
      expect(ts.actions.length).toBe(0);
    });
  });

  it('propagates a failed poll as an error', () => {
    const ts = scheduler();
    ts.run(({ expectObservable }) => {
      const failing = () => new Observable<BulkJob>((sub) => sub.error(new Error('boom')));
      expectObservable(pollJob(failing, { scheduler: ts, policy: fixedPolling(5) })).toBe(
        '5ms #',
        undefined,
        new Error('boom'),
      );
    });
  });

  it('emits a snapshot whose counts changed while the state stayed the same', () => {
    const ts = scheduler();
    ts.run(({ expectObservable }) => {
      const a = inProgress(10);
      const b = jobSnapshot({ state: 'InProgress', numberRecordsProcessed: 10, numberRecordsFailed: 2 });
      const c = inProgress(20);
      const d = jobSnapshot({ state: 'JobComplete', numberRecordsProcessed: 20 });
      const server = fakeServer(ts, [a, a, b, c, c, d]);
      expectObservable(pollJob(server.fetch, { scheduler: ts, policy: fixedPolling(10) })).toBe(
        '10ms a 19ms b 9ms c 19ms (d|)',
        { a, b, c, d },
      );
    });
  });

  it('tells progress apart by job id, state, processed and failed counts, and nothing else', () => {
    const base = { state: 'InProgress', numberRecordsProcessed: 5, numberRecordsFailed: 1 } as const;
    const a = jobSnapshot(base);
    expect(sameProgress(a, jobSnapshot(base))).toBe(true);
    expect(sameProgress(a, jobSnapshot({ ...base, totalProcessingTime: 999 }))).toBe(true);
    expect(sameProgress(a, jobSnapshot({ ...base, id: '750000000000002AAA' }))).toBe(false);
    expect(sameProgress(a, jobSnapshot({ ...base, state: 'JobComplete' }))).toBe(false);
    expect(sameProgress(a, jobSnapshot({ ...base, numberRecordsProcessed: 6 }))).toBe(false);
    expect(sameProgress(a, jobSnapshot({ ...base, numberRecordsFailed: 2 }))).toBe(false);
  });

  it.each([Infinity, Number.NaN])('sets no deadline for a timeout of %p ms', (timeoutMs) => {
    const ts = scheduler();
    ts.run(({ expectObservable }) => {
      const running = inProgress(1);
      const done = jobSnapshot({ state: 'JobComplete', numberRecordsProcessed: 2 });
      const server = fakeServer(ts, [running, running, running, done]);
      expectObservable(pollJob(server.fetch, { scheduler: ts, policy: fixedPolling(1000), timeoutMs })).toBe(
        '1000ms a 2999ms (d|)',
        { a: running, d: done },
      );
    });
  });

  it('honours a deadline longer than a JS timer can wait', () => {
    const ts = scheduler();
    ts.run(({ expectObservable }) => {
      const running = inProgress(1);
      const server = fakeServer(ts, [running]);
      const timeoutMs = 2 ** 31 + 5000;
      const polls = pollJob(server.fetch, { scheduler: ts, policy: fixedPolling(2 ** 30), timeoutMs });
      expectObservable(polls, '^ 2147488648ms !').toBe(
        `${2 ** 30}ms a ${timeoutMs - 2 ** 30 - 1}ms #`,
        { a: running },
        new BulkTimeoutError(timeoutMs, running),
      );
    });
  });
});
