import { readFileSync, writeFileSync } from 'node:fs';
import Papa from 'papaparse';
import { startBulkEmulator, type BulkEmulator } from '../../src/testing/index.js';
import { CliHarness, jsonDocument, jsonResult, removeFolder, target } from './cli-harness';

// A load that stops midway (a late bad row, results that cannot be written, Ctrl-C) is finished
// by `--resume <folder>`: every row of the file is in the org exactly once, and the result files
// account for every row of the file exactly once.

const readCsv = (path: string): Record<string, string>[] =>
  Papa.parse<Record<string, string>>(readFileSync(path, 'utf8'), { header: true, skipEmptyLines: true }).data;

const names = (n: number, prefix: string): string[] => Array.from({ length: n }, (_, i) => `${prefix} ${i + 1}`);

const csvOf = (rows: readonly string[]): string => `Name\n${rows.join('\n')}\n`;

/**
 * A CLI harness and an emulator (processing `recordsPerSecond`) shared by the tests of one
 * `describe`: started before the first, stopped after the last; read them inside a test.
 */
function useCliAndEmulator(recordsPerSecond: number): { readonly cli: CliHarness; readonly emulator: BulkEmulator } {
  let started: { readonly cli: CliHarness; readonly emulator: BulkEmulator } | undefined;
  beforeAll(async () => {
    const [cli, emulator] = await Promise.all([
      CliHarness.create(),
      startBulkEmulator({ processing: { recordsPerSecond, tickMs: 20 } }),
    ]);
    started = { cli, emulator };
  });
  afterAll(async () => {
    await started?.emulator.close();
    started?.cli.remove();
  });
  const get = () => {
    if (!started) throw new Error('the CLI and the emulator are started in beforeAll: read them inside a test');
    return started;
  };
  return {
    get cli() {
      return get().cli;
    },
    get emulator() {
      return get().emulator;
    },
  };
}

describe('kinetic --resume', () => {
  const env = useCliAndEmulator(4_000);

  beforeEach(() => env.emulator.org.clear());

  /** Writes `n` names (`<prefix> 1`, ...) as a one-column CSV file; returns them. */
  function writeNames(file: string, n: number, prefix: string): string[] {
    const rows = names(n, prefix);
    writeFileSync(env.cli.path(file), csvOf(rows));
    return rows;
  }

  /** The arguments of `kinetic <operation> Account --file <file> <flags>` against the emulator. */
  const load = (operation: string, file: string, ...flags: string[]): string[] => [
    operation,
    'Account',
    '--file',
    file,
    ...flags,
    ...target(env.emulator),
  ];

  /** Every name is in the org once, and in the folder's result files once (success, failed or unprocessed). */
  function expectEveryRowOnce(dir: string, expected: readonly string[]): void {
    const { cli, emulator } = env;
    const inOrg = emulator.org.records('Account').map((r) => String(r.Name));
    expect(inOrg).toHaveLength(expected.length);
    expect(new Set(inOrg)).toEqual(new Set(expected));
    const files = ['success', 'failed', 'unprocessed'].flatMap((kind) =>
      readCsv(cli.path(`${dir}/${kind}.csv`)).map((row) => row.Name ?? ''),
    );
    expect(files).toHaveLength(expected.length);
    expect(new Set(files)).toEqual(new Set(expected));
  }

  it('a bad row late in the file (--no-precheck): the jobs that ran are kept; the fixed file resumes', async () => {
    const { cli, emulator } = env;
    const rows = names(12_000, 'Late');
    writeFileSync(cli.path('late.csv'), csvOf(rows.map((name, i) => (i === 9_500 ? `"${name}` : name))));
    const slicing = ['--max-records-per-job', '2000'];
    const stopped = await cli.run(
      load('insert', 'late.csv', ...slicing, '--no-precheck', '--concurrency', '2', '--results-dir', 'late', '--json'),
    );
    expect(stopped.code).toBe(4);
    const document = jsonDocument(stopped.stdout);
    expect(document).toMatchObject({ status: 1, name: 'LoadInterruptedError', exitCode: 4 });
    expect(document.message).toMatch(/unterminated quote/);
    const result = jsonResult<{ success: number; rowsRead: number; jobs: { state: string }[]; resume: string }>(
      stopped.stdout,
    );
    // the rows before the bad one's slice were loaded, and are in the result files
    expect(result.success).toBe(emulator.org.count('Account'));
    expect(result.success).toBe(result.rowsRead);
    expect(result.jobs.every((job) => job.state === 'JobComplete')).toBe(true);
    expect(readCsv(cli.path('late/success.csv'))).toHaveLength(result.success);
    expect(result.resume).toBe(
      `kinetic insert Account --file late.csv --instance-url ${emulator.url} --resume late --access-token <token>`,
    );

    // the file fixed, then loaded again into the same folder: refused (it would load 10,000 rows twice), naming --resume
    writeFileSync(cli.path('late.csv'), csvOf(rows));
    const again = await cli.run(load('insert', 'late.csv', ...slicing, '--results-dir', 'late'));
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/late holds the journal of an unfinished load \(insert Account, \d jobs started/);
    expect(again.stderr).toContain('--resume late');

    // resumed without the slicing flags (the journal has them)
    const before = emulator.jobs.list().length;
    const resumed = await cli.run(load('insert', 'late.csv', '--resume', 'late'));
    expect(resumed.stderr).toContain('resuming the load in late');
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toMatch(/^insert Account: 12,000 rows in 6 jobs/);
    // only the slices that had not run were sent
    expect(emulator.jobs.list().length - before).toBe(6 - result.jobs.length);
    expectEveryRowOnce('late', rows);
  });

  it('results that could not be written (the folder removed mid-run, exit 3), then --resume writes them all', async () => {
    const { cli, emulator } = env;
    const rows = writeNames('vanish.csv', 6_000, 'Vanish');
    const running = cli.start(load('insert', 'vanish.csv', '--max-records-per-job', '2000', '--results-dir', 'vanish'));
    await running.waitForStderr(/InProgress/);
    await removeFolder(cli.path('vanish'));
    const run = await running.done;
    expect(run.code).toBe(3);
    expect(run.stdout).toContain('--resume vanish');
    const jobs = emulator.jobs.list().length;
    const resumed = await cli.run(load('insert', 'vanish.csv', '--resume', 'vanish', '--json'));
    expect(resumed.code).toBe(0);
    // the journal was written again where the folder had been: the load was complete, nothing is sent
    expect(resumed.stderr).toContain('the load in vanish is complete: reading its results again (nothing is sent)');
    expect(emulator.jobs.list()).toHaveLength(jobs);
    expect(jsonResult<{ success: number }>(resumed.stdout).success).toBe(6_000);
    expectEveryRowOnce('vanish', rows);
  });

  it('Ctrl-C: the server counts of each aborted job, what they processed, then --resume finishes the load', async () => {
    const { cli, emulator } = env;
    const rows = writeNames('stop.csv', 12_000, 'Stop');
    const running = cli.start(
      load(
        'insert',
        'stop.csv',
        '--max-records-per-job',
        '3000',
        '--concurrency',
        '2',
        '--results-dir',
        'stop',
        '--json',
      ),
    );
    await running.waitForStderr(/job \w+ InProgress[\s\S]*job \w+ InProgress/);
    running.child.kill('SIGINT');
    const run = await running.done;
    expect(run.code).toBe(130);
    const summary = jsonResult<{
      abortedJobs: string[];
      jobs: { id: string; state: string; processed: number }[];
      success: number;
      unprocessed: number;
      resume: string;
    }>(run.stdout);
    expect(summary.abortedJobs.length).toBeGreaterThan(0);
    for (const job of summary.jobs) {
      const server = emulator.jobs.get(job.id);
      // the final snapshot: what the server had processed once the job stopped
      expect(job.state).toBe(server?.state);
      expect(job.processed).toBe(server?.numberRecordsProcessed);
    }
    // the result files hold what was processed
    expect(summary.success).toBe(emulator.org.count('Account'));
    expect(readCsv(cli.path('stop/success.csv'))).toHaveLength(summary.success);
    expect(summary.resume).toContain('--resume stop');

    const resumed = await cli.run(load('insert', 'stop.csv', '--resume', 'stop'));
    expect(resumed.code).toBe(0);
    expectEveryRowOnce('stop', rows);
  });

  it('a file changed since the load ran is refused, naming the first slice that differs; nothing is sent for it', async () => {
    const { cli, emulator } = env;
    const rows = writeNames('change.csv', 6_000, 'Change');
    const running = cli.start(
      load('insert', 'change.csv', '--max-records-per-job', '2000', '--concurrency', '1', '--results-dir', 'change'),
    );
    await running.waitForStderr(/InProgress/);
    running.child.kill('SIGKILL');
    await running.done;
    // row 1,500 edited: the first slice (rows 1 to 2,000) differs
    writeFileSync(cli.path('change.csv'), csvOf(rows.map((name, i) => (i === 1_499 ? `${name} edited` : name))));
    const jobs = emulator.jobs.list().length;
    const refused = await cli.run(load('insert', 'change.csv', '--resume', 'change', '--json'));
    expect(refused.code).toBe(2);
    expect(jsonDocument(refused.stdout)).toMatchObject({
      name: 'JournalMismatchError',
      errorCode: 'JOURNAL_MISMATCH',
      exitCode: 2,
    });
    expect(jsonDocument(refused.stdout).message).toMatch(/at slice 1 \(input rows 1 to 2000\)/);
    expect(emulator.jobs.list()).toHaveLength(jobs);

    // the file restored: the load finishes
    writeFileSync(cli.path('change.csv'), csvOf(rows));
    const resumed = await cli.run(load('insert', 'change.csv', '--resume', 'change'));
    expect(resumed.code).toBe(0);
    expectEveryRowOnce('change', rows);
  });

  it('--resume checks what it is given: a folder with no journal, another operation, other slicing flags', async () => {
    const { cli, emulator } = env;
    writeNames('small.csv', 10, 'Small');
    const done = await cli.run(load('insert', 'small.csv', '--results-dir', 'small'));
    expect(done.code).toBe(0);
    const none = await cli.run(load('insert', 'small.csv', '--resume', 'nowhere'));
    expect(none.stderr).toContain('--resume nowhere: no such folder');
    const other = await cli.run(load('update', 'small.csv', '--resume', 'small'));
    expect(other.stderr).toContain('--resume small: that load is "insert Account", not "update Account"');
    const slicing = await cli.run(load('insert', 'small.csv', '--resume', 'small', '--max-records-per-job', '5'));
    expect(slicing.stderr).toContain("--max-records-per-job 5 is not the load's (none): drop the flag");
    // a finished load resumed: its results are read again, nothing is created
    const jobs = emulator.jobs.list().length;
    const again = await cli.run(load('insert', 'small.csv', '--resume', 'small'));
    expect(again.code).toBe(0);
    expect(emulator.jobs.list()).toHaveLength(jobs);
    expect(readCsv(cli.path('small/success.csv'))).toHaveLength(10);
    // a new load into the folder of a finished one starts over, and says so
    const fresh = await cli.run(load('insert', 'small.csv', '--results-dir', 'small'));
    expect(fresh.code).toBe(0);
    expect(fresh.stderr).toContain('small held a finished load');
    expect(emulator.org.count('Account')).toBe(20);
  });
});

describe('kinetic jobs results <query job>', () => {
  const env = useCliAndEmulator(2_000);

  beforeAll(() => {
    env.emulator.org.insert(
      'Account',
      names(3_000, 'Export').map((Name) => ({ Name })),
    );
  });

  it('a timed-out export names the command; that command writes every row of the job', async () => {
    const { cli, emulator } = env;
    const timedOut = await cli.run([
      'query',
      'SELECT Id, Name FROM Account',
      '--out',
      'export.csv',
      '--timeout-minutes',
      '0.002',
      '--json',
      ...target(emulator),
    ]);
    expect(timedOut.code).toBe(2);
    const document = jsonDocument(timedOut.stdout) as { name?: string; hint?: string };
    expect(document.name).toBe('BulkTimeoutError');
    const [, id] = /kinetic jobs results (\w+) --out <file>/.exec(document.hint ?? '') ?? [];
    expect(id).toBeDefined();

    const csv = await cli.run(['jobs', 'results', id ?? '', '--out', 'export.csv', ...target(emulator)]);
    expect(csv.code).toBe(0);
    expect(csv.stderr).toContain(`wrote 3,000 rows`);
    const exported = readCsv(cli.path('export.csv'));
    expect(exported).toHaveLength(3_000);
    expect(new Set(exported.map((r) => r.Name))).toEqual(new Set(names(3_000, 'Export')));

    const ndjson = await cli.run([
      'jobs',
      'results',
      id ?? '',
      '--out',
      'export.ndjson',
      '--format',
      'ndjson',
      '--json',
      ...target(emulator),
    ]);
    expect(ndjson.code).toBe(0);
    expect(jsonResult<{ rows: number; format: string }>(ndjson.stdout)).toMatchObject({
      rows: 3_000,
      format: 'ndjson',
    });
    const lines = readFileSync(cli.path('export.ndjson'), 'utf8').trim().split('\n');
    expect(lines).toHaveLength(3_000);
    expect(Object.keys(JSON.parse(lines[0] ?? '{}') as object).sort()).toEqual(['Id', 'Name']);

    // the flags of the other kind of job are refused
    const wrong = await cli.run(['jobs', 'results', id ?? '', '--results-dir', 'r', ...target(emulator)]);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('is a query job: write its rows with --out <file>');
  });
});
