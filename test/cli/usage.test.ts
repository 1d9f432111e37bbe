import { writeFileSync } from 'node:fs';
import { CliHarness, jsonDocument } from './cli-harness';

// Bad command lines: a usage error on stderr and exit code 2, before anything is sent.

describe('kinetic usage errors', () => {
  let cli: CliHarness;

  beforeAll(async () => {
    cli = await CliHarness.create();
    writeFileSync(cli.path('a.csv'), 'Name\nA\n');
  });

  afterAll(() => cli.remove());

  const cases: [string, string[], RegExp][] = [
    ['no command', [], /Usage: kinetic/],
    ['an unknown command', ['frobnicate'], /error: unknown command 'frobnicate'/],
    ['a load without --file', ['insert', 'Account'], /UsageError: missing --file <path>: the CSV file to load/],
    [
      'a load without its sObject',
      ['insert', '--file', 'a.csv'],
      /UsageError: missing the object: give it as the <sObject> argument or with --sobject/,
    ],
    [
      'the sObject twice, differently',
      ['insert', 'Account', '--sobject', 'Contact', '--file', 'a.csv'],
      /UsageError: the <sObject> argument and --sobject give different values: give one of them/,
    ],
    ['upsert without --external-id', ['upsert', 'Account', '--file', 'a.csv'], /upsert needs --external-id <Field>/],
    [
      'a mistyped option, even with a required one missing',
      ['insert', 'Account', '--fil', 'a.csv'],
      /error: unknown option '--fil'\n\(Did you mean --file\?\)/,
    ],
    [
      '--async with --wait',
      ['insert', 'Account', '--file', 'a.csv', '--async', '--wait', '5'],
      /error: option '--wait <minutes>' cannot be used with option '--async'/,
    ],
    [
      '--no-wait with --timeout-minutes',
      ['insert', 'Account', '--file', 'a.csv', '--no-wait', '--timeout-minutes', '5'],
      /--timeout-minutes is how long to wait: drop it, or drop --no-wait/,
    ],
    [
      '--delimiter and --column-delimiter that disagree',
      ['insert', 'Account', '--file', 'a.csv', '--delimiter', 'TAB', '--column-delimiter', 'COMMA'],
      /--delimiter and --column-delimiter give different values/,
    ],
    [
      'query without a query',
      ['query', '--out', 'x.csv'],
      /missing the query: give it as the <soql> argument, --query or --query-file/,
    ],
    [
      'query given twice',
      ['query', 'SELECT Id FROM Account', '--query', 'SELECT Name FROM Account'],
      /give the query once/,
    ],
    [
      'a query file that does not exist',
      ['query', '--query-file', 'nope.soql'],
      /^kinetic: InputFileError: cannot read nope\.soql \(--query-file\): no such file or directory$/m,
    ],
    [
      '--result-format human (sf data query has it, the Bulk API has not)',
      ['query', 'SELECT Id FROM Account', '--result-format', 'human'],
      /argument 'human' is invalid\. Allowed choices are csv, json, ndjson/,
    ],
    [
      '--external-id on an insert',
      ['insert', 'Account', '--file', 'a.csv', '--external-id', 'X__c'],
      /error: unknown option '--external-id'/,
    ],
    [
      'a bad --concurrency',
      ['insert', 'Account', '--file', 'a.csv', '--concurrency', '0'],
      /option '--concurrency <n>' argument '0' is invalid\. expected a whole number of at least 1/,
    ],
    [
      'a bad --delimiter',
      ['insert', 'Account', '--file', 'a.csv', '--delimiter', 'COLON'],
      /argument 'COLON' is invalid\. expected COMMA, TAB/,
    ],
    [
      'a bad --line-ending',
      ['insert', 'Account', '--file', 'a.csv', '--line-ending', 'CR'],
      /argument 'CR' is invalid\. expected LF or CRLF/,
    ],
    [
      'a bad --timeout-minutes',
      ['insert', 'Account', '--file', 'a.csv', '--timeout-minutes', 'soon'],
      /argument 'soon' is invalid\. expected a positive number/,
    ],
    [
      'an unknown --format',
      ['query', 'SELECT Id FROM Account', '--format', 'xml'],
      /argument 'xml' is invalid\. Allowed choices are csv, json, ndjson/,
    ],
    [
      'an unknown --target',
      ['jobs', 'list', '--target', 'mars'],
      /argument 'mars' is invalid\. Allowed choices are org, local/,
    ],
    ['jobs without a subcommand', ['jobs'], /Usage: kinetic jobs/],
    ['jobs get without an id', ['jobs', 'get'], /missing the job id: give it as the <jobId> argument or with --job-id/],
    [
      'query with two statements',
      ['query', 'SELECT Id FROM Account', 'extra'],
      /error: too many arguments for 'query'/,
    ],
  ];

  it('bad arguments give a usage error on stderr and exit 2', async () => {
    // run side by side: each case is its own process
    const runs = await Promise.all(
      cases.map(async ([name, args, message]) => ({ name, message, run: await cli.run(args) })),
    );
    for (const { name, message, run } of runs) {
      expect({ name, code: run.code, stdout: run.stdout }).toEqual({ name, code: 2, stdout: '' });
      expect({ name, stderr: run.stderr }).toEqual({ name, stderr: expect.stringMatching(message) });
    }
  });

  it('--json: a usage error is a JSON document on stdout, in the Salesforce CLI shape', async () => {
    const missing = await cli.run(['insert', 'Account', '--json']);
    expect(missing.code).toBe(2);
    expect(jsonDocument(missing.stdout)).toEqual({
      status: 1,
      name: 'UsageError',
      message: 'missing --file <path>: the CSV file to load',
      exitCode: 2,
      hint: 'see kinetic --help',
      warnings: [],
    });
    const unknown = await cli.run(['insert', 'Account', '--file', 'a.csv', '--jsn', '--json']);
    expect(unknown.code).toBe(2);
    expect(jsonDocument(unknown.stdout)).toEqual({
      status: 1,
      name: 'UsageError',
      message: "unknown option '--jsn'\n(Did you mean --json?)",
      exitCode: 2,
      errorCode: 'commander.unknownOption',
      hint: 'see kinetic --help',
      warnings: [],
    });
  });

  it('--access-token without an instance URL is a usage error (exit 2)', async () => {
    const run = await cli.run(['jobs', 'list', '--access-token', 'token-without-url-123456']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--access-token needs --instance-url (or SF_INSTANCE_URL)');
  });

  it('no credentials at all names the variables to set (exit 2)', async () => {
    const run = await cli.run(['jobs', 'list', '--json']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/No Salesforce credentials in the environment: set SF_ACCESS_TOKEN \+ SF_INSTANCE_URL/);
    expect(jsonDocument(run.stdout)).toMatchObject({ status: 1, exitCode: 2, name: 'ValidationError' });
  });

  it('--help and --version exit 0', async () => {
    const help = await cli.run(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Usage: kinetic \[options\] \[command\]/);
    for (const command of ['insert', 'update', 'upsert', 'delete', 'hard-delete', 'query', 'jobs', 'emulator', 'demo'])
      expect(help.stdout).toContain(`  ${command} `);
    const loadHelp = await cli.run(['insert', '--help']);
    expect(loadHelp.stdout).toContain('--results-dir <dir>');
    expect((await cli.run(['--version'])).code).toBe(0);
  });
});
