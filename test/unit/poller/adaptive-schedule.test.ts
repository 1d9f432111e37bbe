import { ValidationError } from '../../../src/errors/validation-error.js';
import { adaptivePolling, DEFAULT_ADAPTIVE_POLL_POLICY } from '../../../src/poller/adaptive-polling.js';
import { backoffPolling, resolvePollPolicy } from '../../../src/poller/poll-policy.js';
import { createPollSchedule, type PollContext, type PollSchedule } from '../../../src/poller/poll-schedule.js';
import { jobSnapshot } from '../../support/jobs.js';

const running = (processed: number) => jobSnapshot({ state: 'InProgress', numberRecordsProcessed: processed });
const waiting = () => jobSnapshot({ state: 'UploadComplete' });

/** Drives a schedule like pollJob does: asks for a delay, "polls" at now + delay, repeats. */
function drive(schedule: PollSchedule, processedAt: (t: number) => number, polls: number): number[] {
  const delays: number[] = [];
  let now = 0;
  let delay = schedule.next(waiting(), now);
  for (let i = 0; i < polls; i += 1) {
    delays.push(delay);
    now += delay;
    delay = schedule.next(running(processedAt(now)), now);
  }
  return delays;
}

const adaptive = (context: PollContext, overrides = {}) => createPollSchedule(adaptivePolling(overrides), context);

describe('adaptive poll schedule', () => {
  it('backs off like the seed policy until the counter moves', () => {
    const delays = drive(adaptive({ total: 1000 }), () => 0, 9);
    expect(delays).toEqual([2000, 3000, 4500, 6750, 10125, 15188, 22781, 30000, 30000]);
  });

  it('backs off like the seed policy when the total is unknown (query jobs), even with progress', () => {
    const delays = drive(adaptive({}), (t) => t, 9);
    const seed = drive(createPollSchedule(backoffPolling()), (t) => t, 9);
    expect(delays).toEqual(seed);
  });

  it('at a steady pace, waits until just past the predicted end', () => {
    // 5 s job: 40% done at 2 s, so the end is at 5 s; aim 250 ms past it
    const schedule = adaptive({ total: 1000 });
    expect(schedule.next(waiting(), 0)).toBe(2000);
    expect(schedule.next(running(400), 2000)).toBe(3250);
  });

  it('grows its bets at most by `growth` per poll, then lands just past the end', () => {
    // 60 s job at 1000 records/s from time 0
    const delays = drive(adaptive({ total: 60_000 }), (t) => Math.min(60_000, t), 5);
    expect(delays).toEqual([2000, 4000, 8000, 16000, 30600]);
    expect(delays.reduce((a, b) => a + b, 0)).toBe(60_600);
  });

  it('never waits longer than maxDelayMs while predicting', () => {
    const delays = drive(
      adaptive({ total: 600_000 }, { maxDelayMs: 10_000, growth: 10 }),
      (t) => Math.min(600_000, t),
      4,
    );
    expect(delays).toEqual([2000, 10_000, 10_000, 10_000]);
  });

  it('never waits less than minDelayMs while predicting', () => {
    // the end is 50 ms away at the first reading
    const schedule = adaptive({ total: 1000 }, { minDelayMs: 1500 });
    schedule.next(waiting(), 0);
    expect(schedule.next(running(975), 2000)).toBe(1500);
  });

  it('re-estimates at every poll when the pace changes', () => {
    const schedule = adaptive({ total: 10_000 });
    schedule.next(waiting(), 0);
    // 1000/s: 8 s left, capped at 2 x 2000
    expect(schedule.next(running(2000), 2000)).toBe(4000);
    // now 100/s over the last 4 s: 7.6 s left -> capped at 8000, not the 1.9 s the first pace implied
    expect(schedule.next(running(2400), 6000)).toBe(8000);
    // faster again (900/s over the last 8 s): 400 left, under a second -> minDelayMs
    expect(schedule.next(running(9600), 14_000)).toBe(1000);
  });

  it('places the last poll minDelayMs before the deadline', () => {
    const schedule = adaptive({ total: 1_000_000, deadlineAt: 10_000 });
    expect(schedule.next(waiting(), 0)).toBe(2000);
    expect(schedule.next(running(100), 2000)).toBe(4000);
    // would wait 8000 (to 14 s); the deadline is at 10 s, so poll at 9 s
    expect(schedule.next(running(300), 6000)).toBe(3000);
    // past that point nothing is shortened: the deadline ends the polling
    expect(schedule.next(running(450), 9000)).toBe(6000);
  });

  it('when the predicted end has passed, waits half as long as the counter has been still', () => {
    const schedule = adaptive({ total: 1000 });
    schedule.next(waiting(), 0);
    expect(schedule.next(running(400), 2000)).toBe(3250);
    // predicted to end at 5 s, but the counter has not moved since 2 s
    expect(schedule.next(running(400), 5250)).toBe(1625);
    expect(schedule.next(running(400), 6875)).toBe(2438);
    // a counter that just reached the total while the job is still finishing: minDelayMs
    expect(schedule.next(running(1000), 9313)).toBe(1000);
  });

  it('when the job may finish at the next move of a coarse counter, waits at most half the last interval', () => {
    const schedule = adaptive({ total: 30_000 });
    schedule.next(waiting(), 0);
    expect(schedule.next(running(10_000), 2000)).toBe(4000);
    // moved 10,000 in 4 s but 20,000 in 6 s on average: pace uncertain, and 10,000 left = one move
    expect(schedule.next(running(20_000), 6000)).toBe(2000);
  });

  it('resolves { kind: "adaptive" } with defaults and checks its numbers before any request', () => {
    expect(resolvePollPolicy({ kind: 'adaptive' })).toEqual(DEFAULT_ADAPTIVE_POLL_POLICY);
    expect(resolvePollPolicy({ maxDelayMs: 20_000 }, adaptivePolling())).toEqual({
      ...DEFAULT_ADAPTIVE_POLL_POLICY,
      maxDelayMs: 20_000,
    });
    expect(() => adaptivePolling({ minDelayMs: 0 })).toThrow(ValidationError);
    expect(() => adaptivePolling({ minDelayMs: 5000, maxDelayMs: 1000 })).toThrow(/maxDelayMs/);
    expect(() => adaptivePolling({ growth: 0.5 })).toThrow(/growth/);
    expect(() => adaptivePolling({ initialDelayMs: -1 })).toThrow(/initialDelayMs/);
  });

  it('a total of 0 gives no forecast: the backoff, even with progress', () => {
    const seed = drive(createPollSchedule(backoffPolling()), (t) => t, 9);
    expect(drive(adaptive({ total: 0 }), (t) => t, 9)).toEqual(seed);
  });

  it('asks for its first delay before any snapshot', () => {
    expect(adaptive({ total: 1000 }).next(undefined, 0)).toBe(2000);
  });

  it('only the first wait may be shorter than minDelayMs', () => {
    const schedule = adaptive({ total: 1000 }, { initialDelayMs: 200, minDelayMs: 1000 });
    expect(schedule.next(waiting(), 0)).toBe(200);
    expect(schedule.next(waiting(), 200)).toBe(1000);
  });

  it('a poll landing exactly on the forecast end counts the job as overdue', () => {
    const schedule = adaptive({ total: 500 });
    schedule.next(waiting(), 0);
    schedule.next(running(100), 1000); // 0.1 rows/ms: the end is forecast at 5000
    // overdue: half the time the counter has been still (4000 ms)
    expect(schedule.next(running(100), 5000)).toBe(2000);
  });

  it('places the last poll minDelayMs before the deadline, if that leaves minDelayMs to wait', () => {
    expect(adaptive({ total: 1000, deadlineAt: 2500 }).next(waiting(), 0)).toBe(1500);
    expect(adaptive({ total: 1000, deadlineAt: 2000 }).next(waiting(), 0)).toBe(1000);
    expect(adaptive({ total: 1000, deadlineAt: 1999 }).next(waiting(), 0)).toBe(2000);
    expect(adaptive({ total: 1000, deadlineAt: 10_000 }).next(waiting(), 0)).toBe(2000);
  });
});
