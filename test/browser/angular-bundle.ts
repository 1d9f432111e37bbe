import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { run } from '../package/pack-project';

const ROOT = join(__dirname, '..', '..');
const APP = join(__dirname, 'angular-app');
const OUT = join(ROOT, '.tmp', 'angular-app', 'out');

/**
 * Builds the docs/angular.md component as an app into `outdir` (index.html + main.js): ngc
 * compiles it ahead of time (strict templates), then esbuild bundles the output for the browser,
 * with `kinetic-core` resolved to the sources through the repository's tsconfig paths.
 */
export async function buildAngularApp(outdir: string): Promise<void> {
  rmSync(OUT, { recursive: true, force: true });
  const ngc = join(ROOT, 'node_modules', '@angular', 'compiler-cli', 'bundles', 'src', 'bin', 'ngc.js');
  await run(process.execPath, [ngc, '-p', join(APP, 'tsconfig.json')], ROOT, 120_000);
  mkdirSync(outdir, { recursive: true });
  await build({
    entryPoints: { main: join(OUT, 'test', 'browser', 'angular-app', 'main.js') },
    outdir,
    tsconfig: join(ROOT, 'tsconfig.json'),
    bundle: true,
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    logLevel: 'silent',
  });
  copyFileSync(join(APP, 'index.html'), join(outdir, 'index.html'));
}
