import { TestScheduler } from 'rxjs/testing';
import { retryFailedRecords } from '../../../operators/retry-failed-records.js';
import type { BulkResult, SuccessRecord } from '../../../src/models/bulk-result.js';
import type { BulkEvent, BulkRecord } from '../../../src/operations/shared/bulk-event.js';
import { failed, fakeControl, jobEvent, resultEvent } from '../../support/fake-events.js';

const ts = () => new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
const ok = (inputIndex: number, jobId: string): SuccessRecord => ({
  jobId,
  id: `001000000000${String(inputIndex).padStart(3, '0')}AAA`,
  created: true,
  fields: {},
  inputIndex,
});

function resultOf(event: BulkEvent<BulkResult> | undefined): BulkResult {
  if (!event || event.type !== 'result') throw new Error('not a result');
  return event.result;
}

describe('retryFailedRecords', () => {
  it('resubmits only retryable rows after the delay and merges the attempts', () => {
    ts().run(({ cold, flush }) => {
      const J1 = '750000000000001AAA';
      const J2 = '750000000000002AAA';
      const retryControl = fakeControl();
      const c = fakeControl({
        resubmit: (records: readonly BulkRecord[]) => {
          // the retry job: both resubmitted rows (indices 0 and 1 of the retry batch) succeed
          expect(records).toEqual([{ Name: 'b' }, { Name: 'd' }]);
          return cold('a 10ms (r|)', {
            a: jobEvent(retryControl, { id: J2, state: 'InProgress' }),
            r: resultEvent(retryControl, { successRecords: [ok(0, J2), ok(1, J2)] }, J2),
          });
        },
      });
      const first = resultEvent(
        c,
        {
          successRecords: [ok(0, J1), ok(2, J1)],
          failedRecords: [
            failed('UNABLE_TO_LOCK_ROW', 1, { Name: 'b' }, J1),
            failed('DUPLICATE_VALUE', 4, { Name: 'e' }, J1),
            failed('UNABLE_TO_LOCK_ROW', 3, { Name: 'd' }, J1),
          ],
        },
        J1,
      );
      const source = cold('j (r|)', { j: jobEvent(c, { id: J1, state: 'JobComplete' }), r: first });
      const seen: BulkEvent<BulkResult>[] = [];
      source.pipe(retryFailedRecords({ delay: 100 })).subscribe((e) => seen.push(e));
      flush();
      expect(c.resubmitted).toHaveLength(1);
      expect(seen.map((e) => (e.type === 'job' ? e.job.id : 'result'))).toEqual([J1, J2, 'result']);
      const merged = resultOf(seen[2]);
      expect(merged.totalRecords).toBe(5);
      expect(merged.successCount).toBe(4);
      expect(merged.successRecords.map((r) => [r.inputIndex, r.attempts])).toEqual([
        [0, 1],
        [2, 1],
        [1, 2],
        [3, 2],
      ]);
      expect(merged.failedRecords.map((r) => [r.error.statusCode, r.inputIndex, r.attempts])).toEqual([
        ['DUPLICATE_VALUE', 4, 1],
      ]);
      expect(merged.jobs.map((j) => j.id)).toEqual([J1, J2]);
    });
  });

  it('times the retry after the delay (marble)', () => {
    ts().run(({ cold, expectObservable }) => {
      const J2 = '750000000000002AAA';
      const rc = fakeControl();
      const a = jobEvent(rc, { id: J2, state: 'InProgress' });
      const c = fakeControl({
        resubmit: () => cold('a 10ms (r|)', { a, r: resultEvent(rc, { successRecords: [ok(0, J2)] }, J2) }),
      });
      const j = jobEvent(c, { state: 'JobComplete' });
      const source = cold('j (r|)', {
        j,
        r: resultEvent(c, { failedRecords: [failed('UNABLE_TO_LOCK_ROW', 0, { Name: 'x' })] }),
      });
      // the first result arrives at frame 1, the retry starts 100 ms later and ends 11 frames after
      expectObservable(source.pipe(retryFailedRecords({ delay: 100 }))).toBe('j 100ms a 10ms (r|)', {
        j,
        a,
        r: {
          type: 'result',
          control: rc,
          result: expect.objectContaining({
            successRecords: [expect.objectContaining({ inputIndex: 0, attempts: 2 })],
          }),
        },
      });
    });
  });

  it('stops after maxAttempts, leaving the last failures in place', () => {
    ts().run(({ cold, flush }) => {
      const c = fakeControl({
        resubmit: () =>
          cold('(r|)', { r: resultEvent(c, { failedRecords: [failed('UNABLE_TO_LOCK_ROW', 0, { Name: 'x' })] }) }),
      });
      const source = cold('(r|)', {
        r: resultEvent(c, { failedRecords: [failed('UNABLE_TO_LOCK_ROW', 7, { Name: 'x' })] }),
      });
      let merged: BulkResult | undefined;
      source.pipe(retryFailedRecords({ maxAttempts: 3, delay: () => 5 })).subscribe((e) => (merged = resultOf(e)));
      flush();
      expect(c.resubmitted).toHaveLength(2);
      expect(merged?.failedCount).toBe(1);
      expect(merged?.failedRecords[0]).toMatchObject({ inputIndex: 7, attempts: 3 });
      expect(merged?.totalRecords).toBe(1);
    });
  });

  it('passes a result without retryable failures through untouched (attempt 1)', () => {
    ts().run(({ cold, expectObservable }) => {
      const c = fakeControl({ resubmit: () => cold('#') });
      const clean = resultEvent(c, { failedRecords: [failed('REQUIRED_FIELD_MISSING', 0)] });
      const out = cold('(r|)', { r: clean }).pipe(
        retryFailedRecords({ isRetryable: (r) => r.error.statusCode === 'NOPE' }),
      );
      expectObservable(out).toBe('(r|)', {
        r: {
          type: 'result',
          control: c,
          result: expect.objectContaining({ failedRecords: [expect.objectContaining({ attempts: 1, inputIndex: 0 })] }),
        },
      });
    });
  });
});
