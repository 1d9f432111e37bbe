// Builds the package: CommonJS + declarations with tsc, ESM with esbuild (same sources),
// each half marked with its own package.json "type" so Node picks the right loader.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

// fileURLToPath, not .pathname: a checkout path with spaces or non-ASCII stays a valid path
const root = fileURLToPath(new URL('..', import.meta.url));
const dist = join(root, 'dist');
rmSync(dist, { recursive: true, force: true });

// --inlineSources: the maps carry the sources, which the package does not ship (esbuild's ESM maps do the same)
execFileSync(
  process.execPath,
  [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(root, 'tsconfig.build.json'), '--inlineSources'],
  { stdio: 'inherit' },
);

const sources = [];
const walk = (dir) => {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) sources.push(path);
  }
};
walk(join(root, 'src'));
walk(join(root, 'operators'));

await build({
  entryPoints: sources,
  outdir: join(dist, 'esm'),
  outbase: root,
  format: 'esm',
  platform: 'neutral',
  target: 'es2022',
  bundle: false,
  sourcemap: true,
  logLevel: 'warning',
});

// declarations next to the ESM files, so `import` resolves ESM-flavoured types
const copyDts = (from, to) => {
  for (const name of readdirSync(from)) {
    const src = join(from, name);
    if (statSync(src).isDirectory()) copyDts(src, join(to, name));
    else if (name.endsWith('.d.ts')) {
      mkdirSync(to, { recursive: true });
      cpSync(src, join(to, name));
    }
  }
};
copyDts(join(dist, 'cjs'), join(dist, 'esm'));

writeFileSync(join(dist, 'cjs', 'package.json'), JSON.stringify({ type: 'commonjs' }) + '\n');
writeFileSync(join(dist, 'esm', 'package.json'), JSON.stringify({ type: 'module' }) + '\n');
console.log(`built ${sources.length} modules into ${relative(root, dist)}/{cjs,esm}`);
