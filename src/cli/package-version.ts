import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The installed kinetic-core version, read from the package.json above the running script
 * (the CLI runs from dist/cjs/src/cli/, four levels below it); `unknown` when not found.
 */
export function packageVersion(script: string | undefined = process.argv[1]): string {
  let dir = script ? dirname(script) : process.cwd();
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
