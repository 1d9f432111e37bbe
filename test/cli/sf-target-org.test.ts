import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startBulkEmulator, type BulkEmulator } from '../../src/testing/index.js';
import { CliHarness } from './cli-harness';

// --target-org / SF_TARGET_ORG: the session comes from `sf org display --json`, run from the PATH.
// A small node script stands in for sf: it logs its arguments and answers by org name.

const STAND_IN = `#!${process.execPath}
const { appendFileSync, readFileSync } = require('node:fs');
const { join } = require('node:path');
const args = process.argv.slice(2);
appendFileSync(join(__dirname, 'calls.log'), JSON.stringify(args) + '\\n');
const org = args[args.indexOf('--target-org') + 1];
const emulator = JSON.parse(readFileSync(join(__dirname, 'emulator.json'), 'utf8'));
if (org === 'emu' || org === 'from-env') {
  console.log(JSON.stringify({ status: 0, result: { instanceUrl: emulator.url, accessToken: emulator.accessToken, username: 'ada@emu.example', apiVersion: '66.0' }, warnings: [] }, null, 2));
} else if (org === 'garbled') {
  console.log('Unexpected end of JSON input near ' + emulator.accessToken);
} else {
  console.log(JSON.stringify({ name: 'NoAuthInfoFoundError', message: 'No authorization information found for ' + org + '.', exitCode: 1, status: 1, warnings: [] }));
  process.exit(1);
}
`;

describe('kinetic --target-org (the Salesforce CLI)', () => {
  let cli: CliHarness;
  let emulator: BulkEmulator;
  let bin: string;
  let empty: string;
  const path = (dir: string): Record<string, string> => ({ PATH: dir });

  beforeAll(async () => {
    [cli, emulator] = await Promise.all([CliHarness.create(), startBulkEmulator({ processing: 'instant' })]);
    bin = cli.path('bin');
    empty = cli.path('empty-bin');
    mkdirSync(bin);
    mkdirSync(empty);
    writeFileSync(join(bin, 'emulator.json'), JSON.stringify({ url: emulator.url, accessToken: emulator.accessToken }));
    writeFileSync(join(bin, 'sf'), STAND_IN);
    chmodSync(join(bin, 'sf'), 0o755);
    writeFileSync(cli.path('rows.csv'), 'Name\nFrom sf 1\nFrom sf 2\n');
  });

  afterAll(async () => {
    await emulator.close();
    cli.remove();
  });

  const calls = (): string[][] =>
    readFileSync(join(bin, 'calls.log'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as string[]);

  it('loads into the org sf displays, asking sf once', async () => {
    const run = await cli.run(
      [
        'insert',
        'Account',
        '--file',
        'rows.csv',
        '--target-org',
        'emu',
        '--results-dir',
        'out',
        '--poll-interval',
        '50',
      ],
      path(bin),
    );
    expect(run.stderr).not.toMatch(/kinetic: /);
    expect(run.code).toBe(0);
    expect(emulator.org.records('Account').map((r) => r.Name)).toEqual(['From sf 1', 'From sf 2']);
    expect(calls()).toEqual([['org', 'display', '--json', '--target-org', 'emu']]);
    expect(run.stdout + run.stderr).not.toContain(emulator.accessToken);
  });

  it('SF_TARGET_ORG names the org when no flag does', async () => {
    const run = await cli.run(['jobs', 'list', '--json'], { ...path(bin), SF_TARGET_ORG: 'from-env' });
    expect(run.code).toBe(0);
    expect(calls().at(-1)).toEqual(['org', 'display', '--json', '--target-org', 'from-env']);
  });

  it('an org sf does not know: sf’s own message, exit 2', async () => {
    const run = await cli.run(['jobs', 'list', '--target-org', 'nope'], path(bin));
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      'kinetic: SfCliError: sf org display --target-org nope failed: No authorization information found for nope.',
    );
  });

  it('sf missing from the PATH: says to install it, exit 2', async () => {
    const run = await cli.run(['jobs', 'list', '--target-org', 'emu'], path(empty));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^kinetic: SfCliError: The Salesforce CLI \(sf\) was not found on the PATH/m);
  });

  it('output that is not JSON: an error that does not echo it (it held the token)', async () => {
    const run = await cli.run(['jobs', 'list', '--target-org', 'garbled', '--json'], path(bin));
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('sf org display --target-org garbled printed no JSON (exit code 0)');
    expect(run.stdout + run.stderr).not.toContain(emulator.accessToken);
  });

  it('--target-org with --access-token or --target local is a usage error', async () => {
    const both = await cli.run(['jobs', 'list', '--target-org', 'emu', '--access-token', 'abcdefgh12345'], path(bin));
    expect(both.code).toBe(2);
    expect(both.stderr).toContain(
      '--target-org takes the org from the Salesforce CLI: drop --instance-url and --access-token',
    );
    const local = await cli.run(['jobs', 'list', '--target-org', 'emu', '--target', 'local'], path(bin));
    expect(local.code).toBe(2);
    expect(local.stderr).toContain('--target local starts its own emulator');
  });
});
