import type { BulkResult } from '../../../src/models/bulk-result.js';
import type { BulkEvent } from '../../../src/operations/shared/bulk-event.js';
import { of, Subject } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { cancelOn } from '../../../operators/cancel-on.js';
import { fakeControl, jobEvent, resultEvent } from '../../support/fake-events.js';
import { jobSnapshot } from '../../support/jobs.js';

const ts = () => new TestScheduler((actual, expected) => expect(actual).toEqual(expected));

describe('cancelOn', () => {
  it('aborts, emits the Aborted snapshot, then completes', () => {
    ts().run(({ cold, hot, expectObservable, expectSubscriptions }) => {
      const aborted = jobSnapshot({ state: 'Aborted' });
      const c = fakeControl({ abort: () => cold('--(x|)', { x: aborted }) });
      const a = jobEvent(c, { state: 'InProgress' });
      const source = cold('a 100ms a 100ms (r|)', { a, r: resultEvent(c) });
      const cancel = hot('---- 50ms c');
      expectObservable(source.pipe(cancelOn(cancel))).toBe('a 55ms (x|)', {
        a,
        x: { type: 'job', job: aborted, control: c },
      });
      expectSubscriptions(source.subscriptions).toBe('^ 53ms !');
    });
  });

  it('passes everything through when never cancelled', () => {
    ts().run(({ cold, expectObservable }) => {
      const c = fakeControl();
      const values = { a: jobEvent(c, { state: 'Open' }), r: resultEvent(c) };
      expectObservable(cold('a 5ms (r|)', values).pipe(cancelOn(cold('-')))).toBe('a 5ms (r|)', values);
      expect(c.aborts).toBe(0);
    });
  });

  it('completes at once when cancelled before any job exists', () => {
    ts().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold<BulkEvent<BulkResult>>('-----');
      expectObservable(source.pipe(cancelOn(cold('--c')))).toBe('--|');
      expectSubscriptions(source.subscriptions).toBe('^-!');
    });
  });

  it('accepts an AbortSignal, already aborted or aborted later', () => {
    ts().run(({ cold, expectObservable }) => {
      const aborted = jobSnapshot({ state: 'Aborted' });
      const c = fakeControl({ abort: () => cold('(x|)', { x: aborted }) });
      const a = jobEvent(c, { state: 'InProgress' });
      const done = new AbortController();
      done.abort();
      // the signal is already aborted: nothing of the source gets through
      expectObservable(cold('a|', { a }).pipe(cancelOn(done.signal))).toBe('|');
    });
    const controller = new AbortController();
    const aborted = jobSnapshot({ state: 'Aborted' });
    const c = fakeControl({ abort: () => of(aborted) });
    const seen: string[] = [];
    let completed = false;
    const subject = new Subject<BulkEvent<BulkResult>>();
    subject.pipe(cancelOn(controller.signal)).subscribe({
      next: (e) => seen.push(e.type === 'job' ? e.job.state : e.type),
      complete: () => (completed = true),
    });
    subject.next(jobEvent(c, { state: 'InProgress' }));
    controller.abort();
    expect(seen).toEqual(['InProgress', 'Aborted']);
    expect(completed).toBe(true);
    expect(c.aborts).toBe(1);
  });
});
