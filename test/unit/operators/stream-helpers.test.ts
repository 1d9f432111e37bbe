import { TestScheduler } from 'rxjs/testing';
import { KineticError } from '../../../src/errors/kinetic-error.js';
import { BulkResult } from '../../../src/models/bulk-result.js';
import { jobSnapshot } from '../../support/jobs.js';
import { RecordsFailedError } from '../../../src/errors/records-failed-error.js';
import { jobStates } from '../../../operators/job-states.js';
import { progress } from '../../../operators/progress.js';
import { throwOnFailures } from '../../../operators/throw-on-failures.js';
import { toResult } from '../../../operators/to-result.js';
import { failed, fakeControl, jobEvent, resultEvent } from '../../support/fake-events.js';

const ts = () => new TestScheduler((actual, expected) => expect(actual).toEqual(expected));

describe('toResult', () => {
  it('emits only the result', () => {
    ts().run(({ cold, expectObservable }) => {
      const c = fakeControl();
      const r = resultEvent(c);
      const source = cold('a b (r|)', {
        a: jobEvent(c, { state: 'Open' }),
        b: jobEvent(c, { state: 'JobComplete' }),
        r,
      });
      expectObservable(source.pipe(toResult())).toBe('--(r|)', { r: r.type === 'result' ? r.result : undefined });
    });
  });

  it('errors clearly when there is no result', () => {
    ts().run(({ cold, expectObservable }) => {
      const c = fakeControl();
      const source = cold('a|', { a: jobEvent(c, { state: 'UploadComplete' }) });
      expectObservable(source.pipe(toResult())).toBe(
        '-#',
        undefined,
        new KineticError('The operation completed without a result (it ran with wait: false, or it was cancelled)'),
      );
    });
  });
});

describe('jobStates', () => {
  it('emits the job snapshots only', () => {
    ts().run(({ cold, expectObservable }) => {
      const c = fakeControl();
      const a = jobEvent(c, { state: 'Open' });
      const b = jobEvent(c, { state: 'InProgress', numberRecordsProcessed: 3 });
      const source = cold('a 9ms b (r|)', { a, b, r: resultEvent(c) });
      expectObservable(source.pipe(jobStates())).toBe('a 9ms b |', {
        a: a.type === 'job' ? a.job : undefined,
        b: b.type === 'job' ? b.job : undefined,
      });
    });
  });
});

describe('progress', () => {
  it('reports processed, failed, total and percent summed over jobs', () => {
    ts().run(({ cold, expectObservable }) => {
      const c = fakeControl();
      const source = cold('a b c (r|)', {
        a: jobEvent(
          c,
          { id: '750000000000001AAA', state: 'InProgress', numberRecordsProcessed: 50, numberRecordsFailed: 5 },
          200,
        ),
        b: jobEvent(c, { id: '750000000000002AAA', state: 'InProgress', numberRecordsProcessed: 10 }, 100),
        c: jobEvent(c, {
          id: '750000000000001AAA',
          state: 'JobComplete',
          numberRecordsProcessed: 200,
          numberRecordsFailed: 5,
        }),
        r: resultEvent(c),
      });
      expectObservable(source.pipe(progress())).toBe('a b c |', {
        a: { state: 'InProgress', processed: 50, failed: 5, total: 200, percent: 25, jobs: 1 },
        b: { state: 'InProgress', processed: 60, failed: 5, total: 300, percent: 20, jobs: 2 },
        c: { state: 'JobComplete', processed: 210, failed: 5, total: 300, percent: 70, jobs: 2 },
      });
    });
  });

  it('omits total and percent when unknown', () => {
    ts().run(({ cold, expectObservable }) => {
      const c = fakeControl();
      expectObservable(
        cold('a|', { a: jobEvent(c, { state: 'InProgress', numberRecordsProcessed: 7 }) }).pipe(progress()),
      ).toBe('a|', {
        a: { state: 'InProgress', processed: 7, failed: 0, jobs: 1 },
      });
    });
  });
});

describe('throwOnFailures', () => {
  it('passes a clean result and errors with the failed rows attached otherwise', () => {
    ts().run(({ cold, expectObservable }) => {
      const c = fakeControl();
      const clean = resultEvent(c);
      expectObservable(cold('(r|)', { r: clean }).pipe(throwOnFailures())).toBe('(r|)', { r: clean });
      const dirty = resultEvent(c, { failedRecords: [failed('DUPLICATE_VALUE', 0)] });
      const expectedError = new RecordsFailedError(dirty.type === 'result' ? dirty.result : (undefined as never));
      expectObservable(
        cold('a (r|)', { a: jobEvent(c, { state: 'JobComplete' }), r: dirty }).pipe(throwOnFailures()),
      ).toBe('a #', { a: jobEvent(c, { state: 'JobComplete' }) }, expectedError);
    });
    const error = new RecordsFailedError(
      new BulkResult({ job: jobSnapshot({ state: 'JobComplete' }), failedRecords: [failed('DUPLICATE_VALUE', 3)] }),
    );
    expect(error.failedRecords[0]?.inputIndex).toBe(3);
    expect(error.message).toContain('DUPLICATE_VALUE');
  });
});
