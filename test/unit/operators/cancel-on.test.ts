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

  it('forwards the error of the source as is', () => {
    ts().run(({ cold, expectObservable }) => {
      const c = fakeControl();
      const a = jobEvent(c, { state: 'InProgress' });
      const failure = new Error('upload refused');
      expectObservable(cold('a 5ms #', { a }, failure).pipe(cancelOn(cold('-')))).toBe('a 5ms #', { a }, failure);
      expect(c.aborts).toBe(0);
    });
  });

  it('forwards the error of the abort', () => {
    ts().run(({ cold, expectObservable }) => {
      const failure = new Error('abort refused');
      const c = fakeControl({ abort: () => cold('-#', undefined, failure) });
      const a = jobEvent(c, { state: 'InProgress' });
      expectObservable(cold('a 10ms a', { a }).pipe(cancelOn(cold('--c')))).toBe('a 2ms #', { a }, failure);
    });
  });

  it('stops the source and the notifier when the subscriber unsubscribes', () => {
    ts().run(({ cold, hot, expectObservable, expectSubscriptions, flush }) => {
      const c = fakeControl();
      const a = jobEvent(c, { state: 'InProgress' });
      const source = cold('a 100ms a', { a });
      const notifier = hot('-- 100ms c');
      expectObservable(source.pipe(cancelOn(notifier)), '^ 50ms !').toBe('a', { a });
      expectSubscriptions(source.subscriptions).toBe('^ 50ms !');
      expectSubscriptions(notifier.subscriptions).toBe('^ 50ms !');
      flush();
      expect(c.aborts).toBe(0);
    });
  });

  it('cancels once: a second notification after completion does nothing', () => {
    const cancel = new Subject<void>();
    const aborted = jobSnapshot({ state: 'Aborted' });
    const c = fakeControl({ abort: () => of(aborted) });
    const subject = new Subject<BulkEvent<BulkResult>>();
    const seen: string[] = [];
    subject.pipe(cancelOn(cancel)).subscribe((e) => seen.push(e.type === 'job' ? e.job.state : e.type));
    subject.next(jobEvent(c, { state: 'InProgress' }));
    cancel.next();
    cancel.next();
    expect(seen).toEqual(['InProgress', 'Aborted']);
    expect(c.aborts).toBe(1);
  });

  it('an AbortSignal aborted after the subscriber left does nothing', () => {
    const controller = new AbortController();
    const c = fakeControl({ abort: () => of(jobSnapshot({ state: 'Aborted' })) });
    const subject = new Subject<BulkEvent<BulkResult>>();
    const subscription = subject.pipe(cancelOn(controller.signal)).subscribe();
    subject.next(jobEvent(c, { state: 'InProgress' }));
    subscription.unsubscribe();
    controller.abort();
    expect(c.aborts).toBe(0);
    expect(subject.observed).toBe(false);
  });

  it('a source that completed before the notifier fired is not aborted', () => {
    const controller = new AbortController();
    controller.abort();
    const c = fakeControl({ abort: () => of(jobSnapshot({ state: 'Aborted' })) });
    const seen: string[] = [];
    of(jobEvent(c, { state: 'JobComplete' }))
      .pipe(cancelOn(controller.signal))
      .subscribe({
        next: (e) => seen.push(e.type === 'job' ? e.job.state : e.type),
        complete: () => seen.push('done'),
      });
    expect(seen).toEqual(['JobComplete', 'done']);
    expect(c.aborts).toBe(0);
  });
});
