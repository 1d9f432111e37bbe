// Runs a TypeScript entry point without a compile step: esbuild bundles it (and the sources it
// imports) into .tmp/, then node runs the bundle with the remaining arguments.
// Usage: node bench/run-ts.mjs bench/polling/run.ts [args...]
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const [entry, ...args] = process.argv.slice(2);
if (!entry) {
  console.error('usage: node bench/run-ts.mjs <entry.ts> [args...]');
  process.exit(2);
}

const source = resolve(entry);
// one bundle per entry, named after its path, so benchmarks can run side by side
const name = relative(root, source).replace(/\.ts$/, '').replace(/[\\/]/g, '-') || basename(source, '.ts');
const outDir = join(root, '.tmp', 'bench');
const outfile = join(outDir, `${name}.cjs`);
mkdirSync(outDir, { recursive: true });

await build({
  entryPoints: [source],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: 'inline',
  // npm packages stay in node_modules (esbuild itself cannot be bundled)
  packages: 'external',
  logLevel: 'warning',
});

const run = spawnSync(process.execPath, ['--enable-source-maps', outfile, ...args], {
  stdio: 'inherit',
  cwd: process.cwd(),
});
process.exit(run.status ?? 1);
