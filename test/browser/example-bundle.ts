import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

const ROOT = join(__dirname, '..', '..');
const EXAMPLE = join(ROOT, 'docs', 'examples', 'browser');

/**
 * Bundles docs/examples/browser for the browser into `outdir` (index.html + main.js), the
 * way a user would: `kinetic-core` resolves to the sources through tsconfig paths, axios
 * to its browser build, and nothing Node-only is polyfilled. The test's query probe is
 * bundled alongside (query-probe.js).
 */
export async function bundleBrowserExample(outdir: string): Promise<void> {
  mkdirSync(outdir, { recursive: true });
  await build({
    entryPoints: { main: join(EXAMPLE, 'main.ts'), 'query-probe': join(__dirname, 'query-probe.ts') },
    outdir,
    tsconfig: join(ROOT, 'tsconfig.json'),
    bundle: true,
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    sourcemap: true,
    logLevel: 'silent',
  });
  copyFileSync(join(EXAMPLE, 'index.html'), join(outdir, 'index.html'));
}
