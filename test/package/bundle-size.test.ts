import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// scripts/check-bundle-size.mjs (`npm run size`): what kinetic-core adds to a minified browser
// bundle stays within its budget, and the check itself fails above a budget or on a module
// that must never reach a browser bundle.
const ROOT = join(__dirname, '..', '..');
const SCRIPT = join(ROOT, 'scripts', 'check-bundle-size.mjs');

function size(...args: string[]): { status: number | null; out: string } {
  const result = spawnSync(process.execPath, [SCRIPT, '--top=0', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { status: result.status, out: `${result.stdout}${result.stderr}` };
}

/** A figure the script printed, in kB. */
function figure(out: string, pattern: RegExp): number {
  const match = pattern.exec(out);
  if (!match?.[1]) throw new Error(`no match for ${pattern} in:\n${out}`);
  return Number(match[1]);
}

describe('bundle size (npm run size)', () => {
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'kinetic-size-check-'));
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('the browser app stays within the budget, with a per-package breakdown', () => {
    const { status, out } = size();
    expect(out).toMatch(/Bundle size OK: [\d.]+ kB gzipped, budget [\d.]+ kB \(rxjs external\)/);
    const gzipped = figure(out, /rxjs external: [\d.]+ kB minified, ([\d.]+) kB gzipped/);
    const budget = figure(out, /budget ([\d.]+) kB/);
    expect(gzipped).toBeLessThanOrEqual(budget);
    // rxjs is external in the budgeted figure, and counted in the other
    expect(figure(out, /rxjs bundled: +[\d.]+ kB minified, ([\d.]+) kB gzipped/)).toBeGreaterThan(gzipped);
    for (const name of ['kinetic-core', 'zod', 'axios', 'papaparse'])
      expect(out).toMatch(new RegExp(`\\n {4}${name} +[\\d.]+ kB minified`));
    expect(out).not.toMatch(/\n {4}rxjs +[\d.]+ kB minified/);
    expect(status).toBe(0);
  });

  test('fails above the budget', () => {
    const { status, out } = size('--budget=1');
    expect(out).toMatch(/Bundle size check FAILED: [\d.]+ kB gzipped, budget 1\.0 kB \(rxjs external\)/);
    expect(status).toBe(1);
  });

  test('fails on full zod or a zod locale other than English, whatever the size', () => {
    const entry = join(dir, 'app.ts');
    writeFileSync(
      entry,
      [
        "import { SalesforceClient } from 'kinetic-core';",
        "import { z } from 'zod';",
        "import { fr } from 'zod/locales';",
        'export const all = [SalesforceClient, z.object({ a: z.string() }), fr];',
        '',
      ].join('\n'),
    );
    const { status, out } = size(`--entry=${entry}`, '--budget=1000');
    expect(out).toMatch(/forbidden module node_modules\/zod\/v4\/classic\/schemas\.js \(full zod/);
    expect(out).toMatch(/forbidden module node_modules\/zod\/v4\/locales\/fr\.js \(a zod locale other than English\)/);
    expect(out).not.toMatch(/forbidden module node_modules\/zod\/v4\/locales\/en\.js/);
    expect(status).toBe(1);
  });
});
