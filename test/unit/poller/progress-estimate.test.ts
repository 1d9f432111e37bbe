import { ProgressEstimate } from '../../../src/poller/progress-estimate.js';

function estimate(total: number, readings: [processed: number, at: number][]): ProgressEstimate {
  const e = new ProgressEstimate(total);
  for (const [processed, at] of readings) e.observe({ processed, at });
  return e;
}

describe('ProgressEstimate', () => {
  it('forecasts nothing before the counter moves', () => {
    expect(estimate(100, []).forecast()).toBeUndefined();
    expect(estimate(100, [[0, 0]]).forecast()).toBeUndefined();
    expect(
      estimate(100, [
        [0, 0],
        [0, 1000],
      ]).forecast(),
    ).toBeUndefined();
  });

  it('at a steady pace, forecasts the end from the latest move', () => {
    expect(
      estimate(1000, [
        [0, 0],
        [100, 1000],
      ]).forecast(),
    ).toEqual({
      end: 10_000,
      lastStep: false,
      interval: 1000,
      changedAt: 1000,
    });
  });

  it('takes the pace over the latest move only, from the last reading of the old count', () => {
    // 100 at 1000 and still at 2000; 300 at 3000: the move took 1000 ms for 200 rows
    expect(
      estimate(1300, [
        [0, 0],
        [100, 1000],
        [100, 2000],
        [300, 3000],
      ]).forecast(),
    ).toEqual({
      end: 3000 + 1000 / 0.2,
      lastStep: false,
      interval: 1000,
      changedAt: 3000,
    });
  });

  it('a pace within 10% of the average since progress began is steady: no last step', () => {
    // recent 10 rows/ms, average 270 / 30 = 9 rows/ms: exactly 10% of the faster one apart
    expect(
      estimate(300, [
        [0, 0],
        [170, 20],
        [270, 30],
      ]).forecast(),
    ).toEqual({
      end: 33,
      lastStep: false,
      interval: 10,
      changedAt: 30,
    });
  });

  it('measures the average pace from where progress began, not from zero', () => {
    // progress began at 100 rows, 1000 ms: recent 10 rows/ms, average 270 / 30 = 9: steady
    expect(
      estimate(400, [
        [100, 1000],
        [370, 1030],
      ]).forecast(),
    ).toMatchObject({ lastStep: false });
    expect(
      estimate(400, [
        [100, 1000],
        [270, 1020],
        [370, 1030],
      ]).forecast(),
    ).toEqual({ end: 1033, lastStep: false, interval: 10, changedAt: 1030 });
  });

  it('an unsteady pace with at most one move left is the last step', () => {
    // recent 0.2 rows/ms, average 0.1: 200 left, the last move was 200
    expect(
      estimate(500, [
        [0, 0],
        [100, 1000],
        [100, 2000],
        [300, 3000],
      ]).forecast(),
    ).toMatchObject({
      end: 4000,
      lastStep: true,
    });
    // the same, with more than one move left
    expect(
      estimate(501, [
        [0, 0],
        [100, 1000],
        [100, 2000],
        [300, 3000],
      ]).forecast(),
    ).toMatchObject({
      lastStep: false,
    });
  });

  it('a steady pace with one move left is not the last step', () => {
    expect(
      estimate(250, [
        [0, 0],
        [100, 1000],
        [200, 2000],
      ]).forecast(),
    ).toMatchObject({ lastStep: false });
  });

  it('two readings at the same instant give no pace', () => {
    expect(
      estimate(100, [
        [0, 1000],
        [50, 1000],
      ]).forecast(),
    ).toBeUndefined();
  });

  it('a counter going backwards starts over: the pace is measured again from there', () => {
    const e = estimate(1000, [
      [0, 0],
      [100, 1000],
      [50, 2000],
    ]);
    expect(e.forecast()).toBeUndefined();
    e.observe({ processed: 150, at: 3000 });
    // from 50 at 2000 only (steady: the average is over the same move)
    expect(e.forecast()).toEqual({ end: 3000 + 850 / 0.1, lastStep: false, interval: 1000, changedAt: 3000 });
  });

  it('past the total, nothing is left', () => {
    expect(
      estimate(100, [
        [0, 0],
        [150, 1000],
      ]).forecast(),
    ).toMatchObject({ end: 1000 });
  });
});
