import type { ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { lastValueFrom, toArray } from 'rxjs';
import Papa from 'papaparse';
import { AccessTokenAuthenticator, SalesforceClient, fixedPolling } from '../../src/index.js';
import { CliHarness, target, type CliRun } from './cli-harness';

// The kill storm: a CLI load killed with SIGKILL at random moments, then resumed with --resume
// until it completes, against an emulator in its own process (its org outlives the CLI). After
// each load: every row of the file is in the org exactly once, and the result files account for
// every row exactly once. CI runs a small storm; KILL_STORM_RUNS and KILL_STORM_ROWS set the size
// (the full one: KILL_STORM_RUNS=20 KILL_STORM_ROWS=200000), KILL_STORM_REPORT a JSON file for
// the figures.

const RUNS = Number(process.env.KILL_STORM_RUNS ?? 3);
const ROWS = Number(process.env.KILL_STORM_ROWS ?? 20_000);
/** Kills at most this many times per load; the attempt after the last kill runs to the end. */
const MAX_KILLS = 3;
/** Records per second per job in the emulator: a load takes a few seconds of processing. */
const RATE = Math.max(5_000, Math.round(ROWS / 8));

/** A seeded generator: a failing storm can be run again with its seed (KILL_STORM_SEED). */
function random(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 0x1_0000_0000;
  };
}

interface Emulator {
  readonly url: string;
  readonly accessToken: string;
  readonly process: ChildProcess;
}

/** `kinetic emulator` in its own process. */
function startEmulator(cli: CliHarness): Promise<Emulator> {
  const running = cli.start(['emulator', '--port', '0', '--rate', String(RATE), '--json']);
  return running.waitForStdout(/\{.*\}\n/).then((match) => {
    const document = JSON.parse(match[0]) as { result: { url: string; accessToken: string } };
    return { url: document.result.url, accessToken: document.result.accessToken, process: running.child };
  });
}

async function stopEmulator(emulator: Emulator): Promise<void> {
  if (emulator.process.exitCode !== null) return;
  const closed = new Promise((resolve) => emulator.process.once('close', resolve));
  emulator.process.kill('SIGINT');
  await closed;
}

const readCsv = (path: string): Record<string, string>[] =>
  Papa.parse<Record<string, string>>(readFileSync(path, 'utf8'), { header: true, skipEmptyLines: true }).data;

/** Counts each value; the values seen more than once, and those expected but missing. */
function exactlyOnce(values: readonly string[], expected: ReadonlySet<string>): { twice: number; missing: number } {
  const seen = new Map<string, number>();
  for (const value of values) seen.set(value, (seen.get(value) ?? 0) + 1);
  let twice = 0;
  for (const n of seen.values()) if (n > 1) twice += n - 1;
  let missing = 0;
  for (const value of expected) if (!seen.has(value)) missing += 1;
  return { twice, missing };
}

interface RunFigures {
  run: number;
  rows: number;
  kills: number;
  resumes: number;
  attempts: number;
  jobs: number;
  ms: number;
}

describe('kill storm: SIGKILL at random moments, then --resume', () => {
  let cli: CliHarness;
  const seed = Number(process.env.KILL_STORM_SEED ?? Date.now() % 1_000_000);
  const next = random(seed);
  const figures: RunFigures[] = [];
  let timing = 0;

  beforeAll(async () => {
    cli = await CliHarness.create();
  });

  afterAll(() => {
    const report = process.env.KILL_STORM_REPORT;
    if (report)
      writeFileSync(
        report,
        JSON.stringify({ seed, runs: RUNS, rows: ROWS, rate: RATE, loadMs: timing, figures }, null, 1),
      );
    cli.remove();
  });

  /** How long an uninterrupted load of the same size takes here: the kills fall within it. */
  async function timeOneLoad(): Promise<number> {
    const emulator = await startEmulator(cli);
    try {
      const rows = Array.from({ length: ROWS }, (_, i) => `T-${i + 1},row ${i + 1}`);
      writeFileSync(cli.path('timing.csv'), `Name,Description\n${rows.join('\n')}\n`);
      const started = Date.now();
      const run = await cli.run([
        'insert',
        'Account',
        '--file',
        'timing.csv',
        '--max-records-per-job',
        String(Math.ceil(ROWS / 8)),
        '--concurrency',
        '3',
        '--results-dir',
        'timing',
        ...target(emulator),
      ]);
      if (run.code !== 0) throw new Error(`the timing load failed:\n${run.stderr}`);
      return Date.now() - started;
    } finally {
      await stopEmulator(emulator);
    }
  }

  it(
    `${RUNS} loads of ${ROWS} rows: every row in the org once, every row in the result files once (seed in the title of a failure)`,
    async () => {
      const loadMs = await timeOneLoad();
      timing = loadMs;
      for (let run = 1; run <= RUNS; run++) {
        const started = Date.now();
        const emulator = await startEmulator(cli);
        try {
          const file = `storm-${run}.csv`;
          const dir = `storm-${run}`;
          const names = Array.from({ length: ROWS }, (_, i) => `K${run}-${i + 1}`);
          writeFileSync(
            cli.path(file),
            `Name,Description\n${names.map((n, i) => `${n},row ${i + 1} of run ${run}`).join('\n')}\n`,
          );
          // slices of about an eighth of the file, three jobs at once
          const slicing = ['--max-records-per-job', String(Math.ceil(ROWS / 8)), '--concurrency', '3'];
          let kills = 0;
          let resumes = 0;
          let attempts = 0;
          let last: CliRun | undefined;
          for (;;) {
            attempts += 1;
            const journaled = existsSync(cli.path(`${dir}/load-journal.json`));
            if (journaled) resumes += 1;
            const args = [
              'insert',
              'Account',
              '--file',
              file,
              ...(journaled ? ['--resume', dir] : ['--results-dir', dir, ...slicing]),
              '--json',
              ...target(emulator),
            ];
            const running = cli.start(args);
            // the first attempt is killed anywhere in the time a whole load takes; a resume, in the first 70% of it
            const window = (kills === 0 ? 0.95 : 0.7) * loadMs;
            const killAt = kills < MAX_KILLS && (kills === 0 || next() < 0.6) ? 20 + next() * window : undefined;
            const timer =
              killAt === undefined
                ? undefined
                : setTimeout(() => {
                    if (running.child.exitCode === null && running.child.signalCode === null) {
                      kills += 1;
                      running.child.kill('SIGKILL');
                    }
                  }, killAt);
            last = await running.done;
            clearTimeout(timer);
            if (last.signal === 'SIGKILL') continue;
            break;
          }
          if (last.code !== 0)
            throw new Error(`seed ${seed}, run ${run}: the last attempt ended ${last.code}:\n${last.stderr}`);

          // the org, read over the API of the emulator's process
          const client = new SalesforceClient({
            auth: new AccessTokenAuthenticator({ instanceUrl: emulator.url, accessToken: emulator.accessToken }),
            pollPolicy: fixedPolling(50),
          });
          const inOrg = await lastValueFrom(client.bulk.queryRecords('SELECT Name FROM Account').pipe(toArray()));
          await client.whenSettled();
          const expected = new Set(names);
          const org = exactlyOnce(
            inOrg.map((r) => String(r.Name)),
            expected,
          );
          expect({ run, seed, count: inOrg.length, ...org }).toEqual({ run, seed, count: ROWS, twice: 0, missing: 0 });

          // the result files of the whole load, each row once
          const rows = ['success', 'failed', 'unprocessed'].flatMap((kind) =>
            readCsv(cli.path(`${dir}/${kind}.csv`)).map((r) => r.Name ?? ''),
          );
          const files = exactlyOnce(rows, expected);
          expect({ run, seed, count: rows.length, ...files }).toEqual({ run, seed, count: ROWS, twice: 0, missing: 0 });
          const summary = JSON.parse(last.stdout.slice(last.stdout.indexOf('{'))) as { result: { jobs: unknown[] } };
          figures.push({
            run,
            rows: ROWS,
            kills,
            resumes,
            attempts,
            jobs: summary.result.jobs.length,
            ms: Date.now() - started,
          });
        } finally {
          await stopEmulator(emulator);
        }
      }
      expect(figures).toHaveLength(RUNS);
      expect(figures.reduce((n, f) => n + f.kills, 0)).toBeGreaterThanOrEqual(RUNS);
    },
    120_000 + RUNS * Math.max(60_000, ROWS * 0.5),
  );
});
