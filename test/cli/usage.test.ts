import { writeFileSync } from 'node:fs';
import { CliHarness } from './cli-harness';

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
    ['a load without --file', ['insert', 'Account'], /error: required option '-f, --file <path>' not specified/],
    ['a load without its sObject', ['insert', '--file', 'a.csv'], /error: missing required argument 'sObject'/],
    [
      'upsert without --external-id',
      ['upsert', 'Account', '--file', 'a.csv'],
      /error: required option '--external-id <field>' not specified/,
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
    ['jobs get without an id', ['jobs', 'get'], /error: missing required argument 'jobId'/],
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

  it('--access-token without an instance URL is a usage error (exit 2)', async () => {
    const run = await cli.run(['jobs', 'list', '--access-token', 'token-without-url-123456']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--access-token needs --instance-url (or SF_INSTANCE_URL)');
  });

  it('no credentials at all names the variables to set (exit 2)', async () => {
    const run = await cli.run(['jobs', 'list', '--json']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/No Salesforce credentials in the environment: set SF_ACCESS_TOKEN \+ SF_INSTANCE_URL/);
    expect(JSON.parse(run.stdout)).toMatchObject({ ok: false, exitCode: 2, error: { name: 'ValidationError' } });
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
