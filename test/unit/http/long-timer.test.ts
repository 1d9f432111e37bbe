import { asyncScheduler } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { longTimer, MAX_TIMER_MS } from '../../../src/http/long-timer.js';

describe('longTimer', () => {
  it('MAX_TIMER_MS is the longest delay setTimeout honours, 2^31 - 1 ms', () => {
    expect(MAX_TIMER_MS).toBe(2147483647);
  });

  it('a NaN delay fires at once (a virtual scheduler would otherwise never run it)', () => {
    const ts = new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
    ts.run(({ expectObservable }) => {
      expectObservable(longTimer(NaN, ts)).toBe('(0|)', { 0: 0 });
    });
  });

  // Jest's fake timers, like Node, run a setTimeout/setInterval longer than 2^31 - 1 ms after 1 ms:
  // only they show that longTimer never hands such a delay to the real timer functions.
  describe('on real timer functions (faked)', () => {
    beforeEach(() => jest.useFakeTimers());
    afterEach(() => jest.useRealTimers());

    /** When (fake ms after subscribing) longTimer(ms) fires, checked at the given instants. */
    function firesBetween(ms: number, notYet: number, fired: number): void {
      let done = false;
      const subscription = longTimer(ms, asyncScheduler).subscribe(() => (done = true));
      jest.advanceTimersByTime(notYet);
      expect(done).toBe(false);
      jest.advanceTimersByTime(fired - notYet);
      expect(done).toBe(true);
      subscription.unsubscribe();
    }

    it('waits the whole delay past the limit, by chaining timers', () => {
      firesBetween(MAX_TIMER_MS + 5, MAX_TIMER_MS + 4, MAX_TIMER_MS + 5);
    });

    it('waits 2^31 ms (one over the limit) too', () => {
      firesBetween(2 ** 31, 2 ** 31 - 1, 2 ** 31);
    });

    it('waits exactly the limit in one timer', () => {
      firesBetween(MAX_TIMER_MS, MAX_TIMER_MS - 1, MAX_TIMER_MS);
    });
  });
});
