import type { BulkResult } from '../../../src/models/bulk-result.js';
import type { BulkEvent } from '../../../src/operations/shared/bulk-event.js';
import { Subject } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { BulkTimeoutError } from '../../../src/errors/bulk-timeout-error.js';
import { timeoutJob } from '../../../operators/timeout-job.js';
import { fakeControl, jobEvent, resultEvent } from '../../support/fake-events.js';
import { jobSnapshot } from '../../support/jobs.js';

const ts = () => new TestScheduler((actual, expected) => expect(actual).toEqual(expected));

describe('timeoutJob', () => {
  it('mirrors the source when the result arrives in time', () => {
    ts().run(({ cold, expectObservable }) => {
      const c = fakeControl();
      const values = { a: jobEvent(c, { state: 'InProgress' }), r: resultEvent(c) };
      expectObservable(cold('a 500ms (r|)', values).pipe(timeoutJob({ ms: 1000 }))).toBe('a 500ms (r|)', values);
      expect(c.aborts).toBe(0);
    });
  });

  it('aborts the job at the deadline, then errors with BulkTimeoutError carrying the aborted snapshot', () => {
    ts().run(({ cold, expectObservable, expectSubscriptions }) => {
      const aborted = jobSnapshot({ state: 'Aborted' });
      const c = fakeControl({ abort: () => cold('-- (x|)', { x: aborted }) });
      const values = { a: jobEvent(c, { state: 'InProgress', numberRecordsProcessed: 3 }) };
      const source = cold('a 2000ms a', values);
      // deadline at 1000, abort answers 2 frames later
      expectObservable(source.pipe(timeoutJob({ ms: 1000, scheduler: undefined }))).toBe(
        'a 1001ms #',
        values,
        new BulkTimeoutError(1000, aborted),
      );
      expectSubscriptions(source.subscriptions).toBe('^ 999ms !');
    });
  });

  it('accepts minutes and errors with the last snapshot when no job exists yet', () => {
    ts().run(({ cold, expectObservable }) => {
      const source = cold<BulkEvent<BulkResult>>('-');
      expectObservable(source.pipe(timeoutJob({ minutes: 1 }))).toBe(
        '60000ms #',
        undefined,
        new BulkTimeoutError(60000, undefined),
      );
    });
  });

  it('carries the job id of the last snapshot when the abort fails', () => {
    ts().run(({ cold, expectObservable }) => {
      const c = fakeControl({ abort: () => cold('#', undefined, new Error('network')) });
      const running = jobEvent(c, { state: 'InProgress' });
      expectObservable(cold('a', { a: running }).pipe(timeoutJob({ ms: 10 }))).toBe(
        'a 9ms #',
        { a: running },
        new BulkTimeoutError(10, running.type === 'job' ? running.job : undefined),
      );
    });
  });

  it('forwards the error of the source as is, and cancels the deadline', () => {
    ts().run(({ cold, expectObservable }) => {
      const c = fakeControl();
      const a = jobEvent(c, { state: 'InProgress' });
      const failure = new Error('upload refused');
      expectObservable(cold('a 5ms #', { a }, failure).pipe(timeoutJob({ ms: 1000 }))).toBe('a 5ms #', { a }, failure);
      expect(c.aborts).toBe(0);
    });
  });

  it('stops the source and the deadline when the subscriber unsubscribes', () => {
    ts().run(({ cold, expectObservable, expectSubscriptions, flush }) => {
      const c = fakeControl();
      const a = jobEvent(c, { state: 'InProgress' });
      const source = cold('a 100ms a', { a });
      expectObservable(source.pipe(timeoutJob({ ms: 1000 })), '^ 50ms !').toBe('a', { a });
      expectSubscriptions(source.subscriptions).toBe('^ 50ms !');
      flush();
      // the deadline (at 1000 ms) was cancelled with the subscription: nothing was aborted
      expect(c.aborts).toBe(0);
    });
  });

  it.each([0, -1, Number.NaN])('refuses a duration of %p ms, and of %p minutes', (value) => {
    expect(() => timeoutJob({ ms: value })).toThrow(RangeError);
    expect(() => timeoutJob({ minutes: value })).toThrow('timeoutJob needs a positive duration');
  });

  it('accepts the smallest positive duration', () => {
    expect(() => timeoutJob({ ms: 1 })).not.toThrow();
    expect(() => timeoutJob({ minutes: 0.001 })).not.toThrow();
  });

  it('keeps the last job snapshot across other events for the timeout error', () => {
    ts().run(({ cold, expectObservable }) => {
      const c = fakeControl();
      const values = { a: jobEvent(c, { state: 'InProgress', numberRecordsProcessed: 7 }), r: resultEvent(c) };
      expectObservable(cold('a r', values).pipe(timeoutJob({ ms: 10 }))).toBe(
        'a r 8ms #',
        values,
        new BulkTimeoutError(10, values.a.type === 'job' ? values.a.job : undefined),
      );
    });
  });

  it('runs its deadline on the scheduler it is given', () => {
    const scheduler = new TestScheduler(() => undefined);
    const errors: unknown[] = [];
    const source = new Subject<BulkEvent<BulkResult>>();
    const subscription = source.pipe(timeoutJob({ ms: 100, scheduler })).subscribe({ error: (e) => errors.push(e) });
    scheduler.flush();
    expect(errors).toEqual([new BulkTimeoutError(100, undefined)]);
    subscription.unsubscribe();
  });
});
