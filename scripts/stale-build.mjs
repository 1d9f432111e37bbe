// Whether dist/ is older than what it is built from, for `npm start` (a full build takes ~30 s).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** What the build reads besides src/ and operators/. */
const INPUTS = ['package.json', 'tsconfig.json', 'tsconfig.build.json', 'scripts/build.mjs'];

/** scripts/build.mjs writes this file last: its presence means the last build finished. */
export const BUILD_STAMP = 'dist/cjs/package.json';

function newestIn(dir) {
  if (!existsSync(dir)) return 0;
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    const time = entry.isDirectory() ? newestIn(path) : statSync(path).mtimeMs;
    if (time > newest) newest = time;
  }
  return newest;
}

/**
 * Why `root` needs a build (`no build`, `<file> changed`), or undefined when dist/ is newer than
 * every source and config it is built from.
 */
export function staleBuild(root) {
  const stamp = join(root, BUILD_STAMP);
  if (!existsSync(stamp)) return 'no build yet';
  const built = statSync(stamp).mtimeMs;
  for (const dir of ['src', 'operators']) if (newestIn(join(root, dir)) > built) return `${dir}/ changed`;
  for (const file of INPUTS) {
    const path = join(root, file);
    if (existsSync(path) && statSync(path).mtimeMs > built) return `${file} changed`;
  }
  return undefined;
}
