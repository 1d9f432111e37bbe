import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { runCli } from '../../../src/testing/cli-main';

describe('emulator CLI', () => {
  it('starts from flags, prints the URL and the token, and serves requests', async () => {
    const lines: string[] = [];
    const emu = await runCli(['--port', '0', '--rate', 'instant', '--token-lifetime', '60000'], (l) => lines.push(l));
    if (!emu) throw new Error('expected an emulator');
    try {
      expect(lines[0]).toBe(`Bulk API 2.0 emulator listening on ${emu.url}`);
      expect(lines[1]).toBe(`Access token: ${emu.accessToken}`);
      const res = await fetch(`${emu.url}/services/data/v66.0/limits`, {
        headers: { Authorization: `Bearer ${emu.accessToken}` },
      });
      expect(res.status).toBe(200);
    } finally {
      await emu.close();
    }
  });

  it('rejects unknown flags and bad values, and prints usage for --help', async () => {
    await expect(runCli(['--bogus'], () => undefined)).rejects.toThrow();
    await expect(runCli(['--rate', 'fast'], () => undefined)).rejects.toThrow(/--rate/);
    const lines: string[] = [];
    expect(await runCli(['--help'], (l) => lines.push(l))).toBeUndefined();
    expect(lines.join('\n')).toMatch(/--port +TCP port \(default 8080; 0: a free port\)/);
  });

  it('runs as a process and exits cleanly on SIGTERM', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kinetic-cli-'));
    try {
      const outfile = join(dir, 'cli.cjs');
      buildSync({
        entryPoints: [join(__dirname, '../../../src/testing/cli.ts')],
        bundle: true,
        platform: 'node',
        format: 'cjs',
        outfile,
        logLevel: 'silent',
      });
      const child = spawn(process.execPath, [outfile, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      const listening = new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString('utf8');
          const m = /listening on (http:\/\/\S+)/.exec(out);
          if (m?.[1]) resolve(m[1]);
        });
        child.once('exit', () => reject(new Error(`exited early: ${out}`)));
      });
      const url = await listening;
      expect((await fetch(`${url}/services/data/v66.0/limits`)).status).toBe(401);
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(out).toContain('emulator stopped');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
