import { readFileSync, writeFileSync } from 'node:fs';
import { startBulkEmulator, type BulkEmulator } from '../../src/testing/index.js';
import { CliHarness, jsonDocument, jsonResult, target } from './cli-harness';

// The Salesforce CLI's spellings (sf data import/upsert/delete/export bulk, sf data bulk results)
// work as aliases, and --json prints sf's document shape.

describe('kinetic with the Salesforce CLI flags', () => {
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

  it('--sobject, --column-delimiter, --line-ending, --wait and --sf-results: files as Salesforce writes them', async () => {
    writeFileSync(cli.path('semi.csv'), 'Name;Industry\r\nAcme;Tech\r\n;Energy\r\n"Say ""hi""";Retail\r\n');
    const run = await cli.run([
      'insert',
      '--sobject',
      'Account',
      '--file',
      'semi.csv',
      '--column-delimiter',
      'SEMICOLON',
      '--line-ending',
      'CRLF',
      '--wait',
      '2',
      '--sf-results',
      '--results-dir',
      'sf',
      '--json',
      ...target(emulator),
    ]);
    expect(run.code).toBe(1);
    const [acme, hi] = emulator.org.records('Account').map((r) => r.Id);
    // every value quoted, the sf__ names quoted, the input's own column names as written; the job's dialect
    expect(readFileSync(cli.path('sf/success.csv'), 'utf8')).toBe(
      `"sf__Id";"sf__Created";Name;Industry\r\n"${acme}";"true";"Acme";"Tech"\r\n"${hi}";"true";"Say ""hi""";"Retail"\r\n`,
    );
    expect(readFileSync(cli.path('sf/failed.csv'), 'utf8')).toBe(
      '"sf__Id";"sf__Error";Name;Industry\r\n"";"REQUIRED_FIELD_MISSING:Required fields are missing: [Name]:Name --";"";"Energy"\r\n',
    );
    expect(readFileSync(cli.path('sf/unprocessed.csv'), 'utf8')).toBe('');
    // exit 1 in sf's shape: status 1, a name and a message, and the result all the same
    const document = jsonDocument(run.stdout);
    expect(document).toMatchObject({
      status: 1,
      name: 'PartialFailure',
      message: '1 row failed (of 3 rows)',
      exitCode: 1,
      warnings: [],
    });
    expect(document.result).toMatchObject({ command: 'insert', success: 2, failed: 1 });
  });

  it('--async (and --wait 0) leave the jobs running; delete --hard-delete is a hard delete', async () => {
    const ids = emulator.org.insert('Account', [{ Name: 'Gone 1' }, { Name: 'Gone 2' }]);
    writeFileSync(cli.path('ids.csv'), `Id\n${ids.join('\n')}\n`);
    const run = await cli.run([
      'delete',
      'Account',
      '--file',
      'ids.csv',
      '--hard-delete',
      '--async',
      '--json',
      ...target(emulator),
    ]);
    expect(run.code).toBe(0);
    const result = jsonResult<{ waited: boolean; jobs: { id: string; operation: string }[] }>(run.stdout);
    expect(result.waited).toBe(false);
    expect(result.jobs.map((job) => job.operation)).toEqual(['hardDelete']);
    const zero = await cli.run([
      'insert',
      'Account',
      '--file',
      'ids.csv',
      '--wait',
      '0',
      '--json',
      ...target(emulator),
    ]);
    expect(jsonResult<{ waited: boolean }>(zero.stdout).waited).toBe(false);
  });

  it('query: --query-file, --output-file, --result-format, --all-rows, and CSV in another dialect', async () => {
    const [kept, deleted] = emulator.org.insert('Account', [{ Name: 'Kept' }, { Name: 'Deleted' }]);
    writeFileSync(cli.path('ids.csv'), `Id\n${deleted}\n`);
    expect((await cli.run(['delete', 'Account', '--file', 'ids.csv', ...target(emulator)])).code).toBe(0);
    writeFileSync(cli.path('accounts.soql'), 'SELECT Id, Name FROM Account ORDER BY Name\n');

    const all = await cli.run([
      'query',
      '--query-file',
      'accounts.soql',
      '--all-rows',
      '--result-format',
      'json',
      '--output-file',
      'all.json',
      ...target(emulator),
    ]);
    expect(all.code).toBe(0);
    expect(JSON.parse(readFileSync(cli.path('all.json'), 'utf8'))).toEqual([
      { Id: deleted, Name: 'Deleted' },
      { Id: kept, Name: 'Kept' },
    ]);

    const tsv = await cli.run([
      'query',
      '--query',
      'SELECT Id, Name FROM Account',
      '--column-delimiter',
      'TAB',
      '--line-ending',
      'CRLF',
      '--wait',
      '1',
      ...target(emulator),
    ]);
    expect(tsv.code).toBe(0);
    expect(tsv.stdout).toBe(`Id\tName\r\n${kept}\tKept\r\n`);
  });

  it('jobs results --job-id with --sf-results', async () => {
    writeFileSync(cli.path('two.csv'), 'Name\nOne\n\nTwo\n');
    const load = await cli.run(['insert', 'Account', '--file', 'two.csv', '--async', '--json', ...target(emulator)]);
    const id = jsonResult<{ jobs: { id: string }[] }>(load.stdout).jobs[0]?.id ?? '';
    const run = await cli.run([
      'jobs',
      'results',
      '--job-id',
      id,
      '--sf-results',
      '--results-dir',
      'r',
      ...target(emulator),
    ]);
    expect(run.code).toBe(0);
    const [one, two] = emulator.org.records('Account').map((r) => r.Id);
    expect(readFileSync(cli.path('r/success.csv'), 'utf8')).toBe(
      `"sf__Id","sf__Created",Name\n"${one}","true","One"\n"${two}","true","Two"\n`,
    );
    expect(readFileSync(cli.path('r/failed.csv'), 'utf8')).toBe('"sf__Id","sf__Error"\n');
  });
});
