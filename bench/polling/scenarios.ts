import { adaptivePolling } from '../../src/poller/adaptive-polling.js';
import { DEFAULT_POLL_POLICY, fixedPolling, type PollPolicy } from '../../src/poller/poll-policy.js';
import { SimulatedJob } from './simulated-job.js';

/**
 * What a scenario is held to: `goal` = the goal for steady jobs; `pace` = no more polls
 * than the seed and no huge overshoot; `info` = shown for comparison only.
 */
export type ScenarioCheck = 'goal' | 'pace' | 'info';

/** A job shape every policy runs against. */
export interface Scenario {
  readonly name: string;
  readonly job: SimulatedJob;
  readonly check: ScenarioCheck;
  /** Whether the poller is told the record count (ingest: yes; query: no). */
  readonly withTotal: boolean;
}

export const RECORDS = 120_000;

const steady = (seconds: number): Scenario => ({
  name: `steady ${seconds} s`,
  check: 'goal',
  withTotal: true,
  job: new SimulatedJob(RECORDS, [{ share: 1, ms: seconds * 1000 }]),
});

/** Half the records at one pace, the other half `factor` times as long. */
const paceChange = (name: string, firstMs: number, factor: number): Scenario => ({
  name,
  check: 'pace',
  withTotal: true,
  job: new SimulatedJob(RECORDS, [
    { share: 0.5, ms: firstMs },
    { share: 0.5, ms: firstMs * factor },
  ]),
});

const info = (name: string, job: SimulatedJob, withTotal = true): Scenario => ({ name, check: 'info', withTotal, job });

export const SCENARIOS: readonly Scenario[] = [
  steady(5),
  steady(60),
  steady(600),
  paceChange('60 s, 5x slower midway', 10_000, 5),
  paceChange('60 s, 5x faster midway', 50_000, 0.2),
  paceChange('600 s, 5x slower midway', 100_000, 5),
  paceChange('600 s, 5x faster midway', 500_000, 0.2),
  info(
    'queued 10 s, then 60 s',
    new SimulatedJob(RECORDS, [
      { share: 0, ms: 10_000 },
      { share: 1, ms: 60_000 },
    ]),
  ),
  info('600 s, counter in 10k batches', new SimulatedJob(RECORDS, [{ share: 1, ms: 600_000 }], 10_000)),
  info('600 s, counter in 40k batches', new SimulatedJob(RECORDS, [{ share: 1, ms: 600_000 }], 40_000)),
  info('60 s, size unknown (query)', new SimulatedJob(RECORDS, [{ share: 1, ms: 60_000 }]), false),
];

/** The policies compared: the default backoff, jsforce's 1 s, the CLI's 5 s, adaptive. */
export const POLICIES: readonly { readonly name: string; readonly policy: PollPolicy }[] = [
  { name: 'backoff (default)', policy: DEFAULT_POLL_POLICY },
  { name: 'fixed 1 s (jsforce)', policy: fixedPolling(1000) },
  { name: 'fixed 5 s (Salesforce CLI)', policy: fixedPolling(5000) },
  { name: 'adaptive', policy: adaptivePolling() },
];

/** Lateness the goal allows: max(2 s, 5% of the job's duration). */
export function allowedLatenessMs(durationMs: number): number {
  return Math.max(2000, 0.05 * durationMs);
}

/** Lateness accepted when the pace changes ("no huge overshoot"): max(2 s, 10% of the duration). */
export function paceLatenessMs(durationMs: number): number {
  return Math.max(2000, 0.1 * durationMs);
}
