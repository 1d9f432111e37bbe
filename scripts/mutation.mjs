// `npm run test:mutation [-- group ...] [--force]`: mutation testing of the modules whose
// mistakes lose or misattribute data, or hang (stryker.config.mjs lists the groups). One Stryker run
// per group, each with its own break threshold (85%), so every group must reach it on its own; the
// scores are printed as a table and written to reports/mutation/summary.md.
//
// Runs are incremental: the results kept in stryker-incremental/<group>.json are reused for the mutants
// whose code and covering tests did not change, and the files are rewritten (commit them). --force
// re-tests every mutant.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { GROUPS, TARGET } from '../stryker.config.mjs';

const args = process.argv.slice(2);
const force = args.includes('--force');
const names = args.filter((a) => !a.startsWith('--'));
for (const name of names)
  if (!(name in GROUPS)) throw new Error(`unknown group "${name}": ${Object.keys(GROUPS).join(', ')}`);
const groups = names.length > 0 ? names : Object.keys(GROUPS);

mkdirSync('reports/mutation', { recursive: true });
const rows = [];
let failed = false;
for (const group of groups) {
  const started = Date.now();
  const extra = force ? ['--force'] : [];
  console.log(`\n=== mutation: ${group} ===`);
  rmSync(`reports/mutation/${group}.json`, { force: true });
  const run = spawnSync('npx', ['stryker', 'run', 'stryker.config.mjs', ...extra], {
    stdio: 'inherit',
    env: { ...process.env, MUTATION_GROUP: group },
  });
  const seconds = Math.round((Date.now() - started) / 1000);
  const score = scoreOf(`reports/mutation/${group}.json`);
  const breakAt = GROUPS[group].breakAt ?? TARGET;
  const pass = run.status === 0 && score !== undefined && score.score >= breakAt;
  if (!pass) failed = true;
  rows.push({
    group,
    ...(score ?? { score: NaN, killed: 0, survived: 0, noCoverage: 0, total: 0 }),
    breakAt,
    seconds,
    pass,
  });
}

const table = [
  '| group | score | breaks under | killed + timeout | survived | no coverage | mutants | time |',
  '| ----- | ----: | -----------: | ---------------: | -------: | ----------: | ------: | ---: |',
  ...rows.map(
    (r) =>
      `| ${r.group} | ${r.score.toFixed(1)}%${r.pass ? '' : ' FAIL'} | ${r.breakAt}% | ${r.killed} | ${r.survived} | ${r.noCoverage} | ${r.total} | ${r.seconds} s |`,
  ),
].join('\n');
console.log(`\nMutation scores (target ${TARGET}% per group):\n${table}`);
writeFileSync('reports/mutation/summary.md', `${table}\n`);
process.exit(failed ? 1 : 0);

/** The mutation score of a Stryker JSON report: detected / (detected + undetected), as Stryker counts it. */
function scoreOf(file) {
  if (!existsSync(file)) return undefined;
  const report = JSON.parse(readFileSync(file, 'utf8'));
  let killed = 0;
  let survived = 0;
  let noCoverage = 0;
  for (const source of Object.values(report.files)) {
    for (const mutant of source.mutants) {
      if (mutant.status === 'Killed' || mutant.status === 'Timeout') killed++;
      else if (mutant.status === 'Survived') survived++;
      else if (mutant.status === 'NoCoverage') noCoverage++;
    }
  }
  const total = killed + survived + noCoverage;
  return { score: total === 0 ? 100 : (killed / total) * 100, killed, survived, noCoverage, total };
}
