import { existsSync, readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { startBulkEmulator, type BulkEmulator } from '../../src/testing/index.js';
import { CliHarness, jsonDocument, jsonResult, target } from './cli-harness';

// `kinetic query` exports checked against what the emulator's org holds.

describe('kinetic query', () => {
  let cli: CliHarness;
  let emulator: BulkEmulator;
  let expected: { Id: string; Name: string; Industry: string }[];

  beforeAll(async () => {
    [cli, emulator] = await Promise.all([
      CliHarness.create(),
      startBulkEmulator({ processing: 'instant', queryPageSize: 400 }),
    ]);
    // awkward values: a comma, quotes, a line break, non-ASCII, an empty field
    const names = (i: number): string =>
      [`Plain ${i}`, `Comma, ${i}`, `"Quoted" ${i}`, `Line\nbreak ${i}`, `Zürich ${i} ✓`][i % 5] ?? '';
    emulator.org.insert(
      'Account',
      Array.from({ length: 1000 }, (_, i) => ({ Name: names(i), Industry: i % 3 === 0 ? '' : `Industry ${i % 7}` })),
    );
    expected = emulator.org.records('Account').map((r) => ({
      Id: String(r.Id),
      Name: String(r.Name),
      Industry: r.Industry === null || r.Industry === undefined ? '' : String(r.Industry),
    }));
  });

  afterAll(async () => {
    await emulator.close();
    cli.remove();
  });

  it('exports to CSV with proper quoting, over several result pages', async () => {
    const pagesBefore = emulator.stats().requests['query.results']?.GET ?? 0;
    const run = await cli.run([
      'query',
      'SELECT Id, Name, Industry FROM Account',
      '--out',
      'accounts.csv',
      '--max-records',
      '300',
      ...target(emulator),
    ]);
    expect(run.code).toBe(0);
    const text = readFileSync(cli.path('accounts.csv'), 'utf8');
    expect(text.startsWith('Id,Name,Industry\n')).toBe(true);
    expect(text).toContain('"Comma, 1"');
    expect(text).toContain('"""Quoted"" 2"');
    const parsed = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    expect(parsed.data).toEqual(expected);
    expect(existsSync(cli.path('accounts.csv.partial'))).toBe(false);
    expect((emulator.stats().requests['query.results']?.GET ?? 0) - pagesBefore).toBe(4); // 1,000 rows, 300 a page
    expect(run.stderr).toMatch(/exported 1,000 rows \([\d.]+ KB\) from job 750\w+ to accounts\.csv/);
  });

  it('exports NDJSON, one object per line', async () => {
    const run = await cli.run([
      'query',
      'SELECT Id, Name, Industry FROM Account',
      '--out',
      'accounts.ndjson',
      '--format',
      'ndjson',
      ...target(emulator),
    ]);
    expect(run.code).toBe(0);
    const lines = readFileSync(cli.path('accounts.ndjson'), 'utf8').split('\n');
    expect(lines.pop()).toBe('');
    expect(lines.map((line) => JSON.parse(line) as unknown)).toEqual(expected);
  });

  it('streams a JSON array to stdout; the --json summary then goes to stderr', async () => {
    const run = await cli.run([
      'query',
      "SELECT Id, Name FROM Account WHERE Industry = 'Industry 1'",
      '--format',
      'json',
      '--json',
      '--parallel',
      '2',
      ...target(emulator),
    ]);
    expect(run.code).toBe(0);
    const rows = JSON.parse(run.stdout) as { Id: string; Name: string }[];
    expect(rows).toEqual(expected.filter((r) => r.Industry === 'Industry 1').map(({ Id, Name }) => ({ Id, Name })));
    expect(jsonDocument(run.stderr)).toMatchObject({ status: 0, warnings: [] });
    const summary = jsonResult(run.stderr);
    expect(summary).toMatchObject({
      command: 'query',
      rows: rows.length,
      format: 'json',
      out: '-',
      job: { kind: 'query', state: 'JobComplete' },
    });
    expect(summary.bytes).toBe(Buffer.byteLength(run.stdout));
  });

  it('an empty result still gives a CSV header and an empty JSON array', async () => {
    const csv = await cli.run(['query', "SELECT Id, Name FROM Account WHERE Name = 'nobody'", ...target(emulator)]);
    expect(csv.code).toBe(0);
    expect(csv.stdout).toBe('Id,Name\n');
    const json = await cli.run([
      'query',
      "SELECT Id FROM Account WHERE Name = 'nobody'",
      '--format',
      'json',
      ...target(emulator),
    ]);
    expect(json.stdout).toBe('[]\n');
  });

  it('an output file that cannot be created is an error (exit 2) before any job is created', async () => {
    const jobsBefore = emulator.jobs.list().length;
    const run = await cli.run([
      'query',
      'SELECT Id FROM Account',
      '--out',
      'no-such-dir/accounts.csv',
      '--json',
      ...target(emulator),
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'kinetic: OutputFileError: cannot create no-such-dir/accounts.csv.partial: no such file or directory\n',
    );
    expect(jsonDocument(run.stdout)).toMatchObject({ status: 1, exitCode: 2, errorCode: 'ENOENT' });
    expect(emulator.jobs.list()).toHaveLength(jobsBefore);
  });

  it('counts a single row as one row', async () => {
    const run = await cli.run(['query', 'SELECT Id FROM Account LIMIT 1', '--out', 'one.csv', ...target(emulator)]);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/^exported 1 row \(/m);
  });

  it('a query Salesforce refuses is an error (exit 2) and leaves no output file', async () => {
    const run = await cli.run(['query', 'SELECT Id FROM Nope__c', '--out', 'nope.csv', ...target(emulator)]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/kinetic: ApiError: INVALID_TYPE/);
    expect(existsSync(cli.path('nope.csv'))).toBe(false);
    expect(existsSync(cli.path('nope.csv.partial'))).toBe(false);
  });
});
