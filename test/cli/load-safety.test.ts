import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import Papa from 'papaparse';
import { startBulkEmulator, type BulkEmulator } from '../../src/testing/index.js';
import { CliHarness, jsonDocument, jsonResult, removeFolder, target } from './cli-harness';

// Loads that would fail late fail early: an unwritable results folder, a bad row deep in the file,
// a file saved by Excel (CRLF, ';'), a file that is not UTF-8. And results that cannot be written
// after the jobs ran are not lost: the jobs are named with the command that fetches them.

const readCsv = (path: string): Record<string, string>[] =>
  Papa.parse<Record<string, string>>(readFileSync(path, 'utf8'), { header: true, skipEmptyLines: true }).data;

describe('kinetic load safety', () => {
  let cli: CliHarness;
  let emulator: BulkEmulator;
  let slow: BulkEmulator;

  beforeAll(async () => {
    [cli, emulator, slow] = await Promise.all([
      CliHarness.create(),
      startBulkEmulator({ processing: 'instant' }),
      startBulkEmulator({ processing: { recordsPerSecond: 2_000, tickMs: 20 } }),
    ]);
    writeFileSync(cli.path('ok.csv'), 'Name\nFine 1\nFine 2\n');
  });

  afterAll(async () => {
    await Promise.all([emulator.close(), slow.close()]);
    cli.remove();
  });

  beforeEach(() => emulator.org.clear());

  const jobCount = (): number => emulator.jobs.list().length;

  it('a results folder that cannot be written stops the command before any job', async () => {
    writeFileSync(cli.path('a-file'), 'not a folder\n');
    const before = jobCount();
    const named = await cli.run([
      'insert',
      'Account',
      '--file',
      'ok.csv',
      '--results-dir',
      'a-file/out',
      '--json',
      ...target(emulator),
    ]);
    expect(named.code).toBe(2);
    expect(jsonDocument(named.stdout)).toMatchObject({
      status: 1,
      name: 'OutputFileError',
      message: 'cannot create the folder a-file/out: a part of the path is not a directory',
      exitCode: 2,
    });
    // the default folder, in a directory where kinetic-results cannot be made
    mkdirSync(cli.path('blocked'));
    writeFileSync(cli.path('blocked/kinetic-results'), 'a file in the way\n');
    writeFileSync(cli.path('blocked/ok.csv'), 'Name\nFine\n');
    const fallback = await cli.runIn('blocked', ['insert', 'Account', '--file', 'ok.csv', ...target(emulator)]);
    expect(fallback.code).toBe(2);
    expect(fallback.stderr).toMatch(
      /^kinetic: OutputFileError: cannot use the folder kinetic-results\/\d{8}T\d{6}Z-insert-Account: a part of the path is not a directory$/m,
    );
    expect(jobCount()).toBe(before);
  });

  // root ignores permissions: the cases above stand in for this one there
  (process.getuid?.() === 0 ? it.skip : it)('an unwritable directory (not as root)', async () => {
    mkdirSync(cli.path('readonly'), { mode: 0o500 });
    const before = jobCount();
    const run = await cli.run([
      'insert',
      'Account',
      '--file',
      'ok.csv',
      '--results-dir',
      'readonly/out',
      ...target(emulator),
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('cannot create the folder readonly/out: permission denied');
    expect(jobCount()).toBe(before);
  });

  it('results that cannot be written after the jobs ran: the jobs, their counts and the command to fetch them (exit 3)', async () => {
    writeFileSync(cli.path('slow.csv'), `Name\n${Array.from({ length: 3_000 }, (_, i) => `Slow ${i}`).join('\n')}\n`);
    const running = cli.start([
      'insert',
      'Account',
      '--file',
      'slow.csv',
      '--results-dir',
      'vanishing',
      '--max-records-per-job',
      '1500',
      '--json',
      ...target(slow),
    ]);
    await running.waitForStderr(/InProgress/);
    // the folder goes away while the jobs run: the files can no longer be given their names
    await removeFolder(cli.path('vanishing'));
    const run = await running.done;
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(
      /^kinetic: OutputFileError: cannot write vanishing\/\w+\.csv: no such file or directory$/m,
    );
    const document = jsonDocument(run.stdout);
    expect(document).toMatchObject({ status: 1, name: 'OutputFileError', exitCode: 3 });
    const result = jsonResult<{ success: number; jobs: { id: string }[]; fetchResults: string[] }>(run.stdout);
    expect(result.success).toBe(3_000);
    expect(result.jobs).toHaveLength(2);
    expect(result.fetchResults).toEqual(result.jobs.map((job) => `kinetic jobs results ${job.id}`));

    // the command it names works
    const first = result.jobs[0]?.id ?? '';
    const fetched = await cli.run(['jobs', 'results', first, '--results-dir', 'fetched', ...target(slow)]);
    expect(fetched.code).toBe(0);
    expect(readCsv(cli.path('fetched/success.csv'))).toHaveLength(1_500);

    // without --json: the same on stdout, one line per job with its command
    const human = cli.start(['insert', 'Account', '--file', 'slow.csv', '--results-dir', 'gone', ...target(slow)]);
    await human.waitForStderr(/InProgress/);
    await removeFolder(cli.path('gone'));
    const text = await human.done;
    expect(text.code).toBe(3);
    expect(text.stdout).toMatch(
      /^insert Account: 3,000 rows in 1 job, [\d.]+ \w+; the result files could not be written in gone\n {2}success 3,000, failed 0, unprocessed 0\n {2}job (750\w+) JobComplete: 3,000 processed, 0 failed; its results: kinetic jobs results \1\n {2}or all of them, tied to the file's rows, once the folder can be written: kinetic insert Account --file slow.csv --instance-url \S+ --resume gone --access-token <token>\n$/,
    );
  });

  it('a bad row deep in the file fails before any job, with its row and line; --no-precheck finds it late', async () => {
    const rows = Array.from({ length: 100_000 }, (_, i) =>
      i === 89_999 ? `"Row ${i + 1}, never closed,Tech` : `Row ${i + 1},Tech`,
    );
    writeFileSync(cli.path('deep.csv'), `Name,Industry\n${rows.join('\n')}\n`);
    const before = jobCount();
    const run = await cli.run(['insert', 'Account', '--file', 'deep.csv', '--json', ...target(emulator)]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'kinetic: CsvInputError: deep.csv, row 90,000 (line 90,001): a quoted value starts here and never ends (unterminated quote)\n',
    );
    expect(jsonDocument(run.stdout)).toMatchObject({ name: 'CsvInputError', errorCode: 'INVALID_CSV', exitCode: 2 });
    expect(jobCount()).toBe(before);
    expect(existsSync(cli.path('kinetic-results'))).toBe(false);

    const late = await cli.run([
      'insert',
      'Account',
      '--file',
      'deep.csv',
      '--no-precheck',
      '--max-records-per-job',
      '40000',
      '--results-dir',
      'late',
      ...target(emulator),
    ]);
    // the load stopped midway: the jobs that ran are reported, and the command that finishes the load
    expect(late.code).toBe(4);
    expect(late.stderr).toMatch(/unterminated quote/);
    expect(jobCount()).toBeGreaterThan(before); // jobs ran before the bad row was reached
    expect(late.stdout).toContain('kinetic insert Account --file deep.csv');
    expect(existsSync(cli.path('late/load-journal.json'))).toBe(true);
  });

  it('rows as wide as the header, quotes where they belong', async () => {
    writeFileSync(cli.path('wide.csv'), 'Name,Industry\nA,Tech\nB,Tech,extra\n');
    const wide = await cli.run(['insert', 'Account', '--file', 'wide.csv', ...target(emulator)]);
    expect(wide.stderr).toContain('wide.csv, row 2 (line 3): it has 3 columns, the header has 2');
    writeFileSync(cli.path('inch.csv'), 'Name,Industry\nTV 5" screen,Tech\n');
    const inch = await cli.run(['insert', 'Account', '--file', 'inch.csv', ...target(emulator)]);
    expect(inch.stderr).toContain('inch.csv, row 1 (line 2): a double quote inside an unquoted value');
    expect(emulator.org.count('Account')).toBe(0);
  });

  it('a file saved by Excel (CRLF, semicolons) loads as it is, and says what it read', async () => {
    writeFileSync(cli.path('excel.csv'), '\uFEFFName;Industry\r\nAcme;Tech\r\n"Initech; Inc.";Software\r\n');
    const run = await cli.run([
      'insert',
      'Account',
      '--file',
      'excel.csv',
      '--results-dir',
      'excel',
      ...target(emulator),
    ]);
    expect(run.stderr).toContain(
      'excel.csv: delimiter SEMICOLON and line ending CRLF, as its header line has them (--delimiter and --line-ending override)',
    );
    expect(run.code).toBe(0);
    expect(emulator.org.records('Account').map((r) => [r.Name, r.Industry])).toEqual([
      ['Acme', 'Tech'],
      ['Initech; Inc.', 'Software'],
    ]);
  });

  it('a header that cannot be read, or that contradicts the flags: an error naming the flag', async () => {
    const before = jobCount();
    writeFileSync(cli.path('both.csv'), 'Name,Industry;Rating\nA,B;C\n');
    writeFileSync(cli.path('crlf.csv'), 'Name,Industry\r\nA,B\r\n');
    writeFileSync(cli.path('semi.csv'), 'Name;Industry\nA;B\n');
    const cases: [string[], string][] = [
      [
        ['--file', 'both.csv'],
        "both.csv: the header line holds ',' and ';': say which one separates the columns with --delimiter",
      ],
      [
        ['--file', 'crlf.csv', '--line-ending', 'LF'],
        'crlf.csv: the header line ends with CRLF (a Windows file): use --line-ending CRLF',
      ],
      [
        ['--file', 'semi.csv', '--delimiter', 'COMMA'],
        "semi.csv: the header line has no ',' but has ';': use --delimiter SEMICOLON",
      ],
    ];
    for (const [flags, message] of cases) {
      const run = await cli.run(['insert', 'Account', ...flags, ...target(emulator)]);
      expect({ flags, code: run.code, stderr: run.stderr }).toEqual({
        flags,
        code: 2,
        stderr: `kinetic: CsvInputError: ${message}\n`,
      });
    }
    expect(jobCount()).toBe(before);
  });

  it('bytes that are not UTF-8: the offset, unless --encoding says how to read them', async () => {
    // "Café “Noir”" saved as windows-1252
    const cp1252 = Buffer.concat([
      Buffer.from('Name,Industry\n', 'ascii'),
      Buffer.from([0x43, 0x61, 0x66, 0xe9, 0x20, 0x93, 0x4e, 0x6f, 0x69, 0x72, 0x94]),
      Buffer.from(',Food\n', 'ascii'),
    ]);
    writeFileSync(cli.path('cp1252.csv'), cp1252);
    const before = jobCount();
    const run = await cli.run(['insert', 'Account', '--file', 'cp1252.csv', ...target(emulator)]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      "kinetic: CsvInputError: cp1252.csv: not UTF-8 at byte 17 (line 2): give the file's encoding with --encoding, for example --encoding windows-1252\n",
    );
    expect(jobCount()).toBe(before);
    const decoded = await cli.run([
      'insert',
      'Account',
      '--file',
      'cp1252.csv',
      '--encoding',
      'windows-1252',
      ...target(emulator),
    ]);
    expect(decoded.code).toBe(0);
    expect(emulator.org.records('Account').map((r) => r.Name)).toEqual(['Café “Noir”']);
    const unknown = await cli.run([
      'insert',
      'Account',
      '--file',
      'cp1252.csv',
      '--encoding',
      'klingon',
      ...target(emulator),
    ]);
    expect(unknown.stderr).toContain('--encoding klingon: unknown encoding');
  });

  it('a pipe is read once, without the check before the load', async () => {
    execFileSync('mkfifo', [cli.path('rows.fifo')]);
    const running = cli.start([
      'insert',
      'Account',
      '--file',
      'rows.fifo',
      '--results-dir',
      'fifo',
      ...target(emulator),
    ]);
    await writeFile(cli.path('rows.fifo'), 'Name;Industry\r\nPiped;Tech\r\n');
    const run = await running.done;
    expect(run.stderr).toContain('rows.fifo is not a regular file: it is read once, without the check before the load');
    expect(run.code).toBe(0);
    expect(emulator.org.records('Account').map((r) => [r.Name, r.Industry])).toEqual([['Piped', 'Tech']]);
  });
});
