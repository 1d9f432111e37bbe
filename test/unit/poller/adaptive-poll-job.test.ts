import { defer, of, type Observable } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { BulkTimeoutError } from '../../../src/errors/bulk-timeout-error.js';
import type { BulkJob } from '../../../src/models/bulk-job.js';
import { adaptivePolling } from '../../../src/poller/adaptive-polling.js';
import { pollJob } from '../../../src/poller/poll-job.js';
import { jobSnapshot } from '../../support/jobs.js';

function scheduler(): TestScheduler {
  return new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
}

/** A job of `total` records processed at a steady pace over `durationMs` from time 0, read at the scheduler's time. */
function steadyJob(
  ts: TestScheduler,
  total: number,
  durationMs: number,
): { fetch: () => Observable<BulkJob>; calls: number[]; at: (t: number) => BulkJob } {
  const calls: number[] = [];
  const at = (t: number): BulkJob =>
    t >= durationMs
      ? jobSnapshot({ state: 'JobComplete', numberRecordsProcessed: total })
      : jobSnapshot({
          state: t === 0 ? 'UploadComplete' : 'InProgress',
          numberRecordsProcessed: Math.floor((total * t) / durationMs),
        });
  const fetch = () =>
    defer(() => {
      calls.push(ts.now());
      return of(at(ts.now()));
    });
  return { fetch, calls, at };
}

describe('pollJob with the adaptive policy', () => {
  it('notices a 5 s job in two polls: at 2 s, then just past the predicted end', () => {
    const ts = scheduler();
    ts.run(({ expectObservable }) => {
      const job = steadyJob(ts, 1000, 5000);
      const polls = pollJob(job.fetch, { scheduler: ts, policy: adaptivePolling(), total: 1000, initial: job.at(0) });
      expectObservable(polls).toBe('2000ms a 3249ms (b|)', { a: job.at(2000), b: job.at(5250) });
    });
  });

  it('polls a 60 s job 5 times (the seed policy: 7) and notices the end within 1 s', () => {
    const ts = scheduler();
    ts.run(({ flush }) => {
      const job = steadyJob(ts, 60_000, 60_000);
      pollJob(job.fetch, { scheduler: ts, policy: adaptivePolling(), total: 60_000, initial: job.at(0) }).subscribe();
      flush();
      expect(job.calls).toEqual([2000, 6000, 14_000, 30_000, 60_600]);
    });
  });

  it('without a total behaves exactly like the seed backoff', () => {
    const ts = scheduler();
    ts.run(({ flush }) => {
      const job = steadyJob(ts, 60_000, 60_000);
      pollJob(job.fetch, { scheduler: ts, policy: adaptivePolling(), initial: job.at(0) }).subscribe();
      flush();
      expect(job.calls).toEqual([2000, 5000, 9500, 16_250, 26_375, 41_563, 64_344]);
    });
  });

  it('polls once just before the deadline, so the timeout carries a fresh snapshot', () => {
    const ts = scheduler();
    ts.run(({ expectObservable }) => {
      const job = steadyJob(ts, 1_000_000, 100_000);
      const polls = pollJob(job.fetch, {
        scheduler: ts,
        policy: adaptivePolling(),
        total: 1_000_000,
        timeoutMs: 10_000,
        initial: job.at(0),
      });
      // 2 s, 6 s, then 9 s (not 14 s): one second before the deadline
      const timeout = new BulkTimeoutError(10_000, job.at(9000));
      expectObservable(polls).toBe(
        '2000ms a 3999ms b 2999ms c 999ms #',
        { a: job.at(2000), b: job.at(6000), c: job.at(9000) },
        timeout,
      );
    });
  });

  it('leaves no timer behind when unsubscribed while predicting', () => {
    const ts = scheduler();
    ts.run(({ flush }) => {
      const job = steadyJob(ts, 60_000, 60_000);
      const sub = pollJob(job.fetch, {
        scheduler: ts,
        policy: adaptivePolling(),
        total: 60_000,
        initial: job.at(0),
      }).subscribe();
      ts.schedule(() => sub.unsubscribe(), 7000);
      flush();
      expect(job.calls).toEqual([2000, 6000]);
      expect(ts.actions.length).toBe(0);
    });
  });
});
