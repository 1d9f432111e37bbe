import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// scripts/check-browser-bundle.mjs: kinetic-core and kinetic-core/operators bundle for the
// browser with no Node built-in; the check itself catches an offender and names its chain.
const ROOT = join(__dirname, '..', '..');
const SCRIPT = join(ROOT, 'scripts', 'check-browser-bundle.mjs');

function check(...entries: string[]): { status: number | null; out: string } {
  const result = spawnSync(process.execPath, [SCRIPT, ...entries], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  return { status: result.status, out: `${result.stdout}${result.stderr}` };
}

describe('browser bundle check', () => {
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'kinetic-browser-check-'));
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('kinetic-core and kinetic-core/operators import no Node built-in, and axios resolves to its browser build', () => {
    const { status, out } = check();
    expect(out).toContain('Browser bundle clean: src/index.ts, operators/index.ts');
    expect(out).toContain('axios browser build');
    expect(status).toBe(0);
  });

  test('fails on a Node built-in, prefixed or bare, static or dynamic, and names who imports it', () => {
    const helper = join(dir, 'helper.ts');
    const entry = join(dir, 'entry.ts');
    writeFileSync(helper, "import { gzipSync } from 'zlib';\nexport const zip = gzipSync;\n");
    writeFileSync(
      entry,
      "import { readFileSync } from 'node:fs';\nimport { zip } from './helper';\nexport const all = [readFileSync, zip];\nexport const later = () => import('stream');\n",
    );
    const { status, out } = check(entry);
    expect(status).toBe(1);
    expect(out).toContain('Browser bundle check FAILED');
    expect(out).toMatch(/Node built-in "node:fs" \(import-statement\) imported by .*entry\.ts\n/);
    expect(out).toMatch(/Node built-in "zlib" \(import-statement\) imported by .*entry\.ts -> .*helper\.ts/);
    expect(out).toMatch(/Node built-in "stream" \(dynamic-import\)/);
  });

  test('fails on the emulator entry point, which is Node-only by design', () => {
    const { status, out } = check(join(ROOT, 'src', 'testing', 'index.ts'));
    expect(status).toBe(1);
    expect(out).toMatch(/Node built-in "node:http"/);
  });
});
