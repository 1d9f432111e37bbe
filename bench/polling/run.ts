// The polling benchmark: every poll policy against simulated jobs, in virtual time.
// Run: npm run bench:polling   (add --json for machine-readable output)
import { evaluatePolling, type PollingRow } from './evaluate.js';
import { POLICIES, RECORDS } from './scenarios.js';
import { DEFAULT_LATENCY_MS } from './simulate.js';

const rows = evaluatePolling();

if (process.argv.includes('--json')) {
  const json = rows.map((row) => ({
    scenario: row.scenario.name,
    durationMs: row.scenario.job.durationMs,
    check: row.scenario.check,
    pass: row.pass,
    results: Object.fromEntries(
      POLICIES.map((p, i) => [p.name, { polls: row.outcomes[i]?.polls, detectionMs: row.outcomes[i]?.detectionMs }]),
    ),
  }));
  console.log(JSON.stringify(json, null, 2));
} else {
  console.log('## Polling benchmark\n');
  console.log(
    `Real \`pollJob\` and schedules in virtual time (RxJS VirtualTimeScheduler); simulated ingest job of ${RECORDS.toLocaleString('en-US')} records, processing from the moment polling starts; each GET answers ${DEFAULT_LATENCY_MS} ms after it is sent (the job is read at the moment it is sent).`,
  );
  console.log('Each cell: GET calls made / how late completion was noticed.\n');
  printTable(
    'Steady processing (the goal: no more polls than the default backoff, noticed within max(2 s, 5% of the duration))',
    rows.filter((r) => r.scenario.check === 'goal'),
  );
  printTable(
    'Pace changes midway (half the records at one pace, half 5x slower or faster; held to: no more polls than the default backoff, within max(2 s, 10%))',
    rows.filter((r) => r.scenario.check === 'pace'),
  );
  printTable(
    'Other shapes (for comparison, no goal)',
    rows.filter((r) => r.scenario.check === 'info'),
  );
  const checked = rows.filter((r) => r.pass !== undefined);
  const failed = checked.filter((r) => r.pass === false);
  console.log(
    `Adaptive policy: ${failed.length === 0 ? 'PASS' : 'FAIL'} (${checked.length - failed.length}/${checked.length} checked scenarios met)`,
  );
}

if (rows.some((r) => r.pass === false)) process.exitCode = 1;

function printTable(title: string, selected: readonly PollingRow[]): void {
  console.log(`### ${title}\n`);
  const header = ['job', ...POLICIES.map((p) => p.name), 'adaptive check'];
  console.log(`| ${header.join(' | ')} |`);
  console.log(`|${header.map(() => '---').join('|')}|`);
  for (const row of selected) {
    const cells = row.outcomes.map((o) => `${o.polls} / ${(o.detectionMs / 1000).toFixed(1)} s`);
    const verdict = row.pass === undefined ? '-' : `${row.pass ? 'PASS' : 'FAIL'} (${row.criterion})`;
    console.log(`| ${row.scenario.name} | ${cells.join(' | ')} | ${verdict} |`);
  }
  console.log('');
}
