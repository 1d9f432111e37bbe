import { evaluatePolling } from '../../../bench/polling/evaluate.js';
import { SCENARIOS } from '../../../bench/polling/scenarios.js';
import { SimulatedJob } from '../../../bench/polling/simulated-job.js';

// The goal, as a regression test: the same evaluation `npm run bench:polling` prints.
describe('polling benchmark', () => {
  const rows = evaluatePolling();

  it.each(rows.filter((r) => r.pass !== undefined).map((r) => [r.scenario.name, r] as const))(
    'adaptive meets its goal: %s',
    (_name, row) => {
      expect({ scenario: row.scenario.name, pass: row.pass, criterion: row.criterion }).toEqual({
        scenario: row.scenario.name,
        pass: true,
        criterion: row.criterion,
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
