import { allowedLatenessMs, paceLatenessMs, POLICIES, type Scenario, SCENARIOS } from './scenarios.js';
import { simulatePolling, type PollingOutcome } from './simulate.js';

/** One row of the benchmark: every policy on one scenario, and the adaptive policy's verdict. */
export interface PollingRow {
  readonly scenario: Scenario;
  /** Outcomes in the order of `POLICIES`. */
  readonly outcomes: readonly PollingOutcome[];
  /** PASS/FAIL for checked scenarios, undefined for informational ones. */
  readonly pass: boolean | undefined;
  /** What the adaptive policy was held to, in words. */
  readonly criterion: string;
}

const SEED = POLICIES.findIndex((p) => p.name.startsWith('backoff'));
const ADAPTIVE = POLICIES.findIndex((p) => p.name === 'adaptive');

/** Runs every policy on every scenario and judges the adaptive one. */
export function evaluatePolling(scenarios: readonly Scenario[] = SCENARIOS): PollingRow[] {
  return scenarios.map((scenario) => {
    const outcomes = POLICIES.map((p) => simulatePolling(p.policy, scenario.job, { withTotal: scenario.withTotal }));
    const seed = outcomes[SEED] as PollingOutcome;
    const adaptive = outcomes[ADAPTIVE] as PollingOutcome;
    if (scenario.check === 'info') return { scenario, outcomes, pass: undefined, criterion: '' };
    const lateness =
      scenario.check === 'goal' ? allowedLatenessMs(scenario.job.durationMs) : paceLatenessMs(scenario.job.durationMs);
    const pass = adaptive.polls <= seed.polls && adaptive.detectionMs <= lateness;
    return { scenario, outcomes, pass, criterion: `<= ${seed.polls} polls, <= ${(lateness / 1000).toFixed(1)} s late` };
  });
}
