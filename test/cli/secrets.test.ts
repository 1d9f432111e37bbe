import { writeFileSync } from 'node:fs';
import { startBulkEmulator, type BulkEmulator } from '../../src/testing/index.js';
import { CliHarness, type CliRun } from './cli-harness';

// No secret ever reaches stdout or stderr: not in summaries, errors, --json or --verbose output.

describe('kinetic keeps secrets out of its output', () => {
  let cli: CliHarness;
  let emulator: BulkEmulator;

  beforeAll(async () => {
    [cli, emulator] = await Promise.all([CliHarness.create(), startBulkEmulator({ processing: 'instant' })]);
    writeFileSync(cli.path('rows.csv'), 'Name\nOne\n\n');
  });

  afterAll(async () => {
    await emulator.close();
    cli.remove();
  });

  /**
   * Looks for every 12-character slice of the secret, so that a partial leak is caught too. A
   * session id starts with the org id (`00D…!`), which is no secret and appears in record ids:
   * only what follows the `!` is checked.
   */
  const leaks = (run: CliRun, value: string): boolean => {
    const text = run.stdout + run.stderr;
    const secret = value.slice(value.indexOf('!') + 1);
    for (let i = 0; i + 12 <= secret.length; i += 3) if (text.includes(secret.slice(i, i + 12))) return true;
    return false;
  };

  it('a token given as a flag, in verbose and JSON output of a load, a query and the jobs commands', async () => {
    const token = emulator.issueAccessToken();
    const flags = ['--instance-url', emulator.url, '--access-token', token, '--poll-interval', '50', '--verbose'];
    const runs = [
      await cli.run(['insert', 'Account', '--file', 'rows.csv', '--results-dir', 'out', '--json', ...flags]),
      await cli.run(['query', 'SELECT Id, Name FROM Account', ...flags]),
      await cli.run(['jobs', 'list', '--json', ...flags]),
    ];
    expect(runs.map((r) => r.code)).toEqual([0, 0, 0]);
    // the verbose log really ran (a check over no output proves nothing)
    expect(runs[0]?.stderr).toMatch(/^debug: /m);
    for (const run of runs) expect(leaks(run, token)).toBe(false);
  });

  it('a token from SF_ACCESS_TOKEN that the server refuses (exit 2)', async () => {
    const token = `00D000000000001!${'R'.repeat(20)}fake${'x'.repeat(30)}`;
    const run = await cli.run(['jobs', 'list', '--verbose', '--json'], {
      SF_INSTANCE_URL: emulator.url,
      SF_ACCESS_TOKEN: token,
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/kinetic: AuthenticationError/);
    expect(leaks(run, token)).toBe(false);
  });

  it('a mistyped token option, which the parser cannot know is secret', async () => {
    const token = 'mistyped-secret-0123456789abcdefghij';
    const run = await cli.run(['jobs', 'list', `--acess-token=${token}`]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("error: unknown option '--acess-token=…'");
    expect(leaks(run, token)).toBe(false);
  });

  it('client secrets and passwords in the environment, in an error about the login', async () => {
    const secret = 'client-secret-value-0123456789-abcdef';
    const password = 'user-password-value-9876543210-zyxwv';
    const run = await cli.run(['jobs', 'list', '--json'], {
      SF_LOGIN_URL: emulator.url,
      SF_CLIENT_ID: 'unknown-client',
      SF_CLIENT_SECRET: secret,
      SF_USERNAME: 'nobody@example.com',
      SF_PASSWORD: password,
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/kinetic: AuthenticationError/);
    expect(leaks(run, secret)).toBe(false);
    expect(leaks(run, password)).toBe(false);
  });
});
