import { VirtualTimeScheduler } from 'rxjs';
import { ReadWatchdog } from '../../../src/http/read-watchdog.js';

interface Pending<T> {
  readonly promise: Promise<T>;
  readonly resolve: (value: T) => void;
  readonly reject: (error: unknown) => void;
}

function pending<T>(): Pending<T> {
  let resolve: (value: T) => void = () => undefined;
  let reject: (error: unknown) => void = () => undefined;
  const promise = new Promise<T>((yes, no) => {
    resolve = yes;
    reject = no;
  });
  return { promise, resolve, reject };
}

const microtasks = () => new Promise((resolve) => setImmediate(resolve));

/** A watchdog on a virtual clock; `until(t)` runs the clock to t. */
function watchdog(idleTimeoutMs: number, deadlineAt = Infinity) {
  const scheduler = new VirtualTimeScheduler();
  const failures: [kind: string, at: number][] = [];
  const dog = new ReadWatchdog({
    idleTimeoutMs,
    deadlineAt,
    scheduler,
    timedOut: (kind) => {
      failures.push([kind, scheduler.now()]);
      return new Error(`timed out: ${kind}`);
    },
  });
  const until = async (t: number): Promise<void> => {
    scheduler.schedule(() => undefined, t - scheduler.now());
    scheduler.maxFrames = t;
    scheduler.flush();
    await microtasks();
  };
  /** Watches a read, recording how it ended. */
  const watch = <T>(read: Promise<T>) => {
    const outcome: { value?: T; error?: unknown } = {};
    dog.watch(read).then(
      (value) => (outcome.value = value),
      (error: unknown) => (outcome.error = error),
    );
    return outcome;
  };
  return { scheduler, dog, failures, until, watch };
}

describe('ReadWatchdog', () => {
  it('with no idle timeout and no deadline, gives the read back as it is', () => {
    const { dog } = watchdog(Infinity);
    const read = Promise.resolve(1);
    expect(dog.watch(read)).toBe(read);
  });

  it('fails a read that waited the idle timeout, not before', async () => {
    const w = watchdog(1000);
    const outcome = w.watch(pending<number>().promise);
    await w.until(999);
    expect(w.failures).toEqual([]);
    await w.until(1000);
    expect(w.failures).toEqual([['idle', 1000]]);
    expect(outcome.error).toEqual(new Error('timed out: idle'));
  });

  it('passes a read that ends in time, its value or its error', async () => {
    const w = watchdog(1000, 5000);
    const ok = pending<string>();
    const outcome = w.watch(ok.promise);
    ok.resolve('chunk');
    await microtasks();
    expect(outcome).toEqual({ value: 'chunk' });
    const bad = pending<string>();
    const failed = w.watch(bad.promise);
    bad.reject(new Error('socket closed'));
    await microtasks();
    expect(failed).toEqual({ error: new Error('socket closed') });
    await w.until(6000);
    expect(w.failures).toEqual([]);
  });

  it('counts only the time a read waits: the wait of the next read starts when it does', async () => {
    const w = watchdog(1000);
    const first = pending<number>();
    w.watch(first.promise);
    await w.until(600);
    first.resolve(1);
    await microtasks();
    // the consumer is busy until 700, then reads again: the timer armed at 0 fires at 1000, finds a
    // wait of 300 ms, and re-arms for the 700 ms left
    await w.until(700);
    const second = w.watch(pending<number>().promise);
    await w.until(1699);
    expect(w.failures).toEqual([]);
    await w.until(1700);
    expect(w.failures).toEqual([['idle', 1700]]);
    expect(second.error).toBeDefined();
  });

  it('a timer that finds no read waiting lapses; the next read arms it again', async () => {
    const w = watchdog(1000);
    const first = pending<number>();
    w.watch(first.promise);
    first.resolve(1);
    await microtasks();
    await w.until(1500);
    w.watch(pending<number>().promise);
    await w.until(2499);
    expect(w.failures).toEqual([]);
    await w.until(2500);
    expect(w.failures).toEqual([['idle', 2500]]);
  });

  it('fails a waiting read at the deadline, and any read after it at once', async () => {
    const w = watchdog(Infinity, 500);
    const outcome = w.watch(pending<number>().promise);
    await w.until(499);
    expect(w.failures).toEqual([]);
    await w.until(500);
    expect(w.failures).toEqual([['deadline', 500]]);
    expect(outcome.error).toEqual(new Error('timed out: deadline'));
    const late = w.watch(Promise.resolve(2));
    await microtasks();
    expect(late.error).toEqual(new Error('timed out: deadline'));
  });

  it('a deadline that passes while no read waits fails the next read', async () => {
    const w = watchdog(10_000, 500);
    const first = pending<number>();
    w.watch(first.promise);
    first.resolve(1);
    await microtasks();
    await w.until(800);
    expect(w.failures).toEqual([]);
    w.watch(pending<number>().promise);
    await microtasks();
    expect(w.failures).toEqual([['deadline', 800]]);
  });

  it('the deadline is an instant: a read that starts at 300 with the deadline at 500 fails at 500', async () => {
    const w = watchdog(Infinity, 500);
    await w.until(300);
    w.watch(pending<number>().promise);
    await w.until(499);
    expect(w.failures).toEqual([]);
    await w.until(500);
    expect(w.failures).toEqual([['deadline', 500]]);
  });

  it('a deadline that passed stays passed when the clock then reads earlier (the wall clock was set back)', async () => {
    const w = watchdog(10_000, 500);
    const first = pending<number>();
    w.watch(first.promise);
    first.resolve(1);
    await microtasks();
    await w.until(600);
    const frame = w.scheduler.now;
    w.scheduler.now = () => frame() - 200;
    const late = w.watch(pending<number>().promise);
    await microtasks();
    expect(late.error).toEqual(new Error('timed out: deadline'));
  });

  it('one idle timer and one deadline timer serve all the reads of a body', async () => {
    const w = watchdog(1000, 5000);
    for (let i = 0; i < 5; i++) {
      const read = pending<number>();
      w.watch(read.promise);
      read.resolve(i);
      await microtasks();
    }
    expect(w.scheduler.actions.length).toBe(2);
  });

  it('a read starting exactly at the deadline fails', async () => {
    const w = watchdog(Infinity, 0);
    const outcome = w.watch(Promise.resolve(1));
    await microtasks();
    expect(outcome.error).toEqual(new Error('timed out: deadline'));
  });

  it('stop() cancels the timers: a read still waiting is not failed', async () => {
    const w = watchdog(1000, 2000);
    w.watch(pending<number>().promise);
    w.dog.stop();
    await w.until(5000);
    expect(w.failures).toEqual([]);
    expect(w.scheduler.actions.length).toBe(0);
  });

  it('a read that settles after it timed out is ignored', async () => {
    const w = watchdog(100);
    const read = pending<number>();
    const outcome = w.watch(read.promise);
    await w.until(100);
    read.reject(new Error('destroyed'));
    await microtasks();
    expect(outcome).toEqual({ error: new Error('timed out: idle') });
  });
});
