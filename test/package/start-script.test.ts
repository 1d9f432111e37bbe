import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

// `npm start` rebuilds only when dist/ is older than its sources (scripts/stale-build.mjs), and
// `npm pack` builds first (prepack), so a tarball never ships without dist/.

const ROOT = join(__dirname, '..', '..');
const STALE = pathToFileURL(join(ROOT, 'scripts', 'stale-build.mjs')).href;

/** What staleBuild says for a project root (run in a child: the script is an ES module). */
function staleBuild(root: string): string | null {
  const code = `import(${JSON.stringify(STALE)}).then((m) => process.stdout.write(JSON.stringify(m.staleBuild(${JSON.stringify(root)}) ?? null)))`;
  const result = spawnSync(process.execPath, ['-e', code], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(result.stderr);
  return JSON.parse(result.stdout) as string | null;
}

describe('npm start and npm pack', () => {
  let root: string;
  const at = (path: string, seconds: number): void => {
    const file = join(root, path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, '');
    utimesSync(file, seconds, seconds);
  };

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'kinetic-start-'));
    at('package.json', 1_000);
    at('tsconfig.json', 1_000);
    at('src/cli/main.ts', 1_000);
    at('operators/index.ts', 1_000);
  });

  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('builds when there is no finished build, or when a source or config is newer than it', () => {
    expect(staleBuild(root)).toBe('no build yet');
    at('dist/cjs/package.json', 2_000);
    expect(staleBuild(root)).toBeNull();
    at('src/cli/deep/new-file.ts', 3_000);
    expect(staleBuild(root)).toBe('src/ changed');
    at('dist/cjs/package.json', 4_000);
    at('tsconfig.json', 5_000);
    expect(staleBuild(root)).toBe('tsconfig.json changed');
  });

  it('package.json: npm start goes through the check, npm pack builds first', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.start).toBe('node scripts/start.mjs');
    expect(pkg.scripts.prepack).toBe('npm run build');
  });
});
