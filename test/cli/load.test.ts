import { readFileSync, writeFileSync } from 'node:fs';
import Papa from 'papaparse';
import { startBulkEmulator, type BulkEmulator } from '../../src/testing/index.js';
import { CliHarness, jsonDocument, jsonResult, target } from './cli-harness';

// `kinetic insert|upsert|delete ...` run as a child process against an emulator in this process.

const readCsv = (path: string): Record<string, string>[] =>
  Papa.parse<Record<string, string>>(readFileSync(path, 'utf8'), { header: true, skipEmptyLines: true }).data;

describe('kinetic loads', () => {
  let cli: CliHarness;
  let emulator: BulkEmulator;

  beforeAll(async () => {
    [cli, emulator] = await Promise.all([CliHarness.create(), startBulkEmulator({ processing: 'instant' })]);
  });

  afterAll(async () => {
    await emulator.close();
    cli.remove();
  });

  beforeEach(() => emulator.org.clear());

  it('streams a file with failing rows into several jobs and writes the three result files (exit 1)', async () => {
    // rows 3 and 7 miss the required Name; row 5 holds a quoted comma, quote and line break
    const rows = [
      'Name,Industry',
      'Row 1,Tech',
      'Row 2,Retail',
      ',Energy',
      'Row 4,Tech',
      '"Row 5, ""quoted""\nsecond line",Media',
      'Row 6,Tech',
      ',Banking',
      'Row 8,Tech',
    ];
    writeFileSync(cli.path('accounts.csv'), `${rows.join('\n')}\n`);
    const before = new Set(emulator.jobs.list().map((j) => j.id));
    const run = await cli.run([
      'insert',
      'Account',
      '--file',
      'accounts.csv',
      '--results-dir',
      'out',
      '--max-records-per-job',
      '3',
      ...target(emulator),
    ]);

    expect(run.stderr).not.toMatch(/kinetic: /); // no error message
    expect(run.code).toBe(1);
    const success = readCsv(cli.path('out/success.csv'));
    const failed = readCsv(cli.path('out/failed.csv'));
    const unprocessed = readCsv(cli.path('out/unprocessed.csv'));
    expect(success).toHaveLength(6);
    expect(failed).toHaveLength(2);
    expect(unprocessed).toHaveLength(0);
    expect(readFileSync(cli.path('out/unprocessed.csv'), 'utf8')).toBe('inputRow,jobId\n');

    // failed rows: input row number, parsed error, the row's own columns
    expect(failed.map((r) => [r.inputRow, r.errorCode, r.errorMessage, r.errorFields, r.Name, r.Industry])).toEqual([
      ['3', 'REQUIRED_FIELD_MISSING', 'Required fields are missing: [Name]', 'Name', '', 'Energy'],
      ['7', 'REQUIRED_FIELD_MISSING', 'Required fields are missing: [Name]', 'Name', '', 'Banking'],
    ]);
    expect(Object.keys(failed[0] ?? {})).toEqual([
      'inputRow',
      'jobId',
      'id',
      'errorCode',
      'errorMessage',
      'errorFields',
      'Name',
      'Industry',
    ]);

    // success rows carry the new record ids, which exist in the org with the loaded values
    const jobs = new Set(
      emulator.jobs
        .list()
        .map((j) => j.id)
        .filter((id) => !before.has(id)),
    );
    expect(jobs.size).toBe(3);
    for (const row of success) {
      expect(jobs.has(row.jobId ?? '')).toBe(true);
      expect(row.created).toBe('true');
      expect(emulator.org.get(row.id ?? '')?.Name).toBe(row.Name);
    }
    expect(success.map((r) => r.Name).sort()).toEqual([
      'Row 1',
      'Row 2',
      'Row 4',
      'Row 5, "quoted"\nsecond line',
      'Row 6',
      'Row 8',
    ]);
    expect(emulator.org.count('Account')).toBe(6);

    // the summary: counts, files, one line per job, the most frequent error
    expect(run.stdout).toMatch(/insert Account: 8 rows in 3 jobs/);
    expect(run.stdout).toMatch(/success +6 +out\/success\.csv/);
    expect(run.stdout).toMatch(/failed +2 +out\/failed\.csv/);
    expect(run.stdout).toContain('most frequent errors: REQUIRED_FIELD_MISSING (2)');
    // not a terminal: plain state lines on stderr, no bar, no colour
    expect(run.stderr).toMatch(/^job 750\w+ JobComplete: 3\/3 processed, 1 failed$/m);
    expect(run.stdout + run.stderr).not.toContain('\u001b');
  });

  it('exits 0 when every row succeeds, and --json prints one summary object on stdout', async () => {
    writeFileSync(cli.path('good.csv'), 'Name,External_Key__c\nA,K-1\nB,K-2\n');
    const run = await cli.run([
      'upsert',
      'Account',
      '--file',
      'good.csv',
      '--external-id',
      'External_Key__c',
      '--results-dir',
      'good',
      '--json',
      ...target(emulator),
    ]);
    expect(run.code).toBe(0);
    expect(jsonDocument(run.stdout)).toMatchObject({ status: 0, warnings: [] });
    const summary = jsonResult(run.stdout);
    expect(summary).toMatchObject({
      command: 'upsert',
      object: 'Account',
      success: 2,
      failed: 0,
      unprocessed: 0,
      total: 2,
      errors: [],
    });
    expect(summary.files).toEqual({
      success: 'good/success.csv',
      failed: 'good/failed.csv',
      unprocessed: 'good/unprocessed.csv',
    });
    expect(summary.jobs).toEqual([
      expect.objectContaining({ kind: 'ingest', operation: 'upsert', state: 'JobComplete', processed: 2, failed: 0 }),
    ]);
    expect(readCsv(cli.path('good/success.csv')).map((r) => r.External_Key__c)).toEqual(['K-1', 'K-2']);
  });

  it('reads other delimiters and line endings, and deletes by Id', async () => {
    const ids = emulator.org.insert('Account', [{ Name: 'X' }, { Name: 'Y' }]);
    writeFileSync(cli.path('ids.tsv'), `Id\r\n${ids.join('\r\n')}\r\n`);
    const run = await cli.run([
      'delete',
      'Account',
      '--file',
      'ids.tsv',
      '--delimiter',
      'TAB',
      '--line-ending',
      'CRLF',
      '--results-dir',
      'del',
      ...target(emulator),
    ]);
    expect(run.code).toBe(0);
    expect(readCsv(cli.path('del/success.csv')).map((r) => r.created)).toEqual(['false', 'false']);
    expect(emulator.org.count('Account')).toBe(0);
  });

  it('--no-wait closes the jobs and leaves them to run (exit 0)', async () => {
    writeFileSync(cli.path('later.csv'), 'Name\nLater\n');
    const run = await cli.run(['insert', 'Account', '--file', 'later.csv', '--no-wait', '--json', ...target(emulator)]);
    expect(run.code).toBe(0);
    const summary = jsonResult<{ waited: boolean; jobs: { id: string; state: string }[] }>(run.stdout);
    expect(summary.waited).toBe(false);
    expect(summary.jobs).toHaveLength(1);
    expect(emulator.jobs.get(summary.jobs[0]?.id ?? '')?.state).toBe('JobComplete');
    const text = await cli.run(['insert', 'Account', '--file', 'later.csv', '--no-wait', ...target(emulator)]);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(
      /^insert Account: 1 job uploaded and closed; Salesforce processes it in the background\n {2}job (750\w+) \w+: follow it with kinetic jobs wait \1, then kinetic jobs results \1$/m,
    );
  });

  it('a job that fails as a whole leaves its rows in unprocessed.csv (exit 1)', async () => {
    emulator.failNextJob('InvalidBatch : simulated failure');
    writeFileSync(cli.path('doomed.csv'), 'Name\nD1\nD2\n');
    const run = await cli.run([
      'insert',
      'Account',
      '--file',
      'doomed.csv',
      '--results-dir',
      'doomed',
      ...target(emulator),
    ]);
    expect(run.code).toBe(1);
    expect(readCsv(cli.path('doomed/unprocessed.csv')).map((r) => [r.inputRow, r.Name])).toEqual([
      ['1', 'D1'],
      ['2', 'D2'],
    ]);
    expect(run.stdout).toMatch(/job 750\w+ Failed: .*\(InvalidBatch : simulated failure\)/);
  });

  it('an unreadable file is an error (exit 2) and creates no job', async () => {
    const before = emulator.jobs.list().length;
    const run = await cli.run(['insert', 'Account', '--file', 'missing.csv', '--json', ...target(emulator)]);
    expect(run.code).toBe(2);
    // one line: the file, the flag and why
    expect(run.stderr).toBe('kinetic: InputFileError: cannot read missing.csv (--file): no such file or directory\n');
    expect(jsonDocument(run.stdout)).toEqual({
      status: 1,
      name: 'InputFileError',
      message: 'cannot read missing.csv (--file): no such file or directory',
      exitCode: 2,
      errorCode: 'ENOENT',
      warnings: [],
    });
    expect(emulator.jobs.list()).toHaveLength(before);
  });
});
