import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The installed kinetic-core version, read from the package.json above the running script
 * (the CLI runs from dist/cjs/src/cli/, four levels below it); `unknown` when not found. The
 * script path is resolved first: npm runs a `bin` through a symlink in node_modules/.bin.
 */
export function packageVersion(script: string | undefined = process.argv[1]): string {
  let dir = script ? dirname(realPath(script)) : process.cwd();
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'package.json');
    if (existsSync(candidate)) {
      try {
        const pkg = JSON.parse(readFileSync(candidate, 'utf8')) as { name?: unknown; version?: unknown };
        if (pkg.name === 'kinetic-core' && typeof pkg.version === 'string') return pkg.version;
      } catch {
        // an unreadable package.json on the way up is not ours: keep looking
      }
    }
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return 'unknown';
}

function realPath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}
