import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nodeSfCliRunner } from '../../../src/auth/sf-cli-runner.js';

// The default runner, on real processes: a small node script stands in for sf.

describe('nodeSfCliRunner', () => {
  let dir: string;
  const script = (name: string, body: string): string => {
    const path = join(dir, name);
    writeFileSync(path, `#!${process.execPath}\n${body}\n`);
    chmodSync(path, 0o755);
    return path;
  };

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'kinetic-sf-runner-'));
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('passes the arguments as they are (no shell) and gives stdout and the exit code', async () => {
    const echo = script('echo-args', 'process.stdout.write(JSON.stringify(process.argv.slice(2)));');
    const args = ['org', 'display', '--target-org', 'a b;$(touch pwned)'];
    await expect(nodeSfCliRunner(echo, args, { timeoutMs: 10_000 })).resolves.toEqual({
      kind: 'exited',
      exitCode: 0,
      stdout: JSON.stringify(args),
    });
    const failing = script('fail', 'process.stdout.write("{\\"status\\":1}"); process.exit(1);');
    await expect(nodeSfCliRunner(failing, [], { timeoutMs: 10_000 })).resolves.toEqual({
      kind: 'exited',
      exitCode: 1,
      stdout: '{"status":1}',
    });
  });

  it('a missing command is not-found; one that hangs is timed-out', async () => {
    await expect(nodeSfCliRunner(join(dir, 'no-such-sf'), [], { timeoutMs: 10_000 })).resolves.toEqual({
      kind: 'not-found',
    });
    const hang = script('hang', 'setInterval(() => undefined, 1000);');
    await expect(nodeSfCliRunner(hang, [], { timeoutMs: 300 })).resolves.toEqual({ kind: 'timed-out' });
  });
});
