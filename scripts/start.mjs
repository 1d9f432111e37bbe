// `npm start`: builds only when dist/ is out of date (saying so, since it takes ~30 s), then runs the demo.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { staleBuild } from './stale-build.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const reason = staleBuild(root);
if (reason) {
  process.stderr.write(`Building kinetic-core first (${reason}; about 30 s)...\n`);
  const started = Date.now();
  const build = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
  process.stderr.write(`Build done in ${((Date.now() - started) / 1000).toFixed(1)} s.\n\n`);
}
await import(pathToFileURL(join(root, 'dist', 'cjs', 'src', 'demo', 'demo.js')).href);
