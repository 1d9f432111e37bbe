import { evaluatePolling } from '../../../bench/polling/evaluate.js';
import { SCENARIOS } from '../../../bench/polling/scenarios.js';
import { SimulatedJob } from '../../../bench/polling/simulated-job.js';

// The goal, as a regression test: the same evaluation `npm run bench:polling` prints.
// Each scenario is evaluated inside its test (not at collection time), so per-test coverage (the
// mutation run's) sees which test ran the poller.
describe('polling benchmark', () => {
  it.each(SCENARIOS.filter((s) => s.check !== 'info').map((s) => [s.name, s] as const))(
    'adaptive meets its goal: %s',
    (_name, scenario) => {
      const [row] = evaluatePolling([scenario]);
      expect({ scenario: row?.scenario.name, pass: row?.pass, criterion: row?.criterion }).toEqual({
        scenario: scenario.name,
        pass: true,
        criterion: row?.criterion,
      });
    },
  );

  it('covers 5 s, 60 s and 600 s steady jobs and pace changes', () => {
    const checked = SCENARIOS.filter((s) => s.check === 'goal').map((s) => s.job.durationMs);
    expect(checked).toEqual([5000, 60_000, 600_000]);
    expect(SCENARIOS.filter((s) => s.check === 'pace').length).toBeGreaterThanOrEqual(2);
  });

  it('would fail a policy that polls too late', () => {
    // the seed backoff notices a steady 60 s job more than 3 s late: the check must be able to say FAIL
    const seedLike = evaluatePolling([
      {
        name: 'steady 60 s',
        check: 'goal',
        withTotal: false,
        job: new SimulatedJob(120_000, [{ share: 1, ms: 60_000 }]),
      },
    ]);
    expect(seedLike[0]?.pass).toBe(false);
  });
});
