import { writeFileSync } from 'node:fs';
import { CliHarness } from './cli-harness';

// The commands that bring their own org: --target local, kinetic emulator, kinetic demo.

describe('kinetic with a local org', () => {
  let cli: CliHarness;

  beforeAll(async () => {
    cli = await CliHarness.create();
  });

  afterAll(() => cli.remove());

  it('--target local loads into an embedded emulator and says so', async () => {
    writeFileSync(cli.path('local.csv'), 'Name,Industry\nLocal 1,Tech\n,Tech\n');
    const run = await cli.run([
      'insert',
      'Account',
      '--file',
      'local.csv',
      '--target',
      'local',
      '--results-dir',
      'local',
      '--poll-interval',
      '50',
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^Started a local Bulk API 2\.0 emulator at http:\/\/127\.0\.0\.1:\d+/m);
    expect(run.stdout).toMatch(/success +1 +local\/success\.csv/);
    expect(run.stdout).toMatch(/failed +1 +local\/failed\.csv/);
  });

  it('kinetic emulator serves until Ctrl-C, printing a URL and token that other commands can use', async () => {
    const emulator = cli.start(['emulator', '--port', '0', '--rate', 'instant']);
    try {
      const [output] = await emulator.waitForStdout(
        /listening on (http:\/\/\S+)[\s\S]*Access token: (\S+)[\s\S]*Press Ctrl-C to stop/,
      );
      const url = /listening on (http:\/\/\S+)/.exec(output)?.[1] ?? '';
      const token = /Access token: (\S+)/.exec(output)?.[1] ?? '';
      expect(output).toContain(`export SF_INSTANCE_URL=${url}`);

      const list = await cli.run(['jobs', 'list', '--json'], { SF_INSTANCE_URL: url, SF_ACCESS_TOKEN: token });
      expect(list.code).toBe(0);
      expect(JSON.parse(list.stdout)).toEqual({ status: 0, result: { command: 'jobs list', jobs: [] }, warnings: [] });
    } finally {
      // a failed expectation must not leave the emulator running (the test would hang)
      emulator.child.kill('SIGINT');
    }
    const run = await emulator.done;
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('emulator stopped');
  });

  it('kinetic emulator: port 8080 by default (as kinetic-emulator), and --cors alone allows any origin', async () => {
    const help = await cli.run(['emulator', '--help']);
    expect(help.stdout).toMatch(/-p, --port <n> +TCP port \(0: any free port\) \(default: 8080\)/);
    const emulator = cli.start(['emulator', '--port', '0', '--cors', '--json']);
    try {
      const [, url] = await emulator.waitForStdout(/"url":\s*"(http:\/\/[^"]+)"/);
      const response = await fetch(`${url}/services/data/v66.0/jobs/ingest`, {
        method: 'OPTIONS',
        headers: { Origin: 'http://page.example:4200', 'Access-Control-Request-Method': 'POST' },
      });
      expect(response.headers.get('access-control-allow-origin')).toBe('http://page.example:4200');
    } finally {
      emulator.child.kill('SIGINT');
    }
    expect((await emulator.done).code).toBe(0);
  });

  it('kinetic demo runs the npm start demo', async () => {
    const run = await cli.run(['demo', '--records', '2000', '--rate', '8000']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('kinetic-core demo');
    expect(run.stdout).toMatch(/is Aborted after/);
  });
});
