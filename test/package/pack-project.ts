import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

/** The repository root. */
export const REPO = join(__dirname, '..', '..');

/** Not part of a package build: copying them would only slow the staging down. */
const SKIP = new Set(['node_modules', 'dist', '.git', '.tmp', 'test-artifacts', 'coverage', 'bench/out']);

/**
 * The environment for child npm/node processes: without the `npm_*` variables that
 * `npm test` exports, so a nested `npm install` works on its own project, not on ours.
 */
function childEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!/^npm_/i.test(key)) env[key] = value;
  return { ...env, NO_UPDATE_NOTIFIER: '1', PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1' };
}

const tail = (text: string): string => text.split('\n').slice(-40).join('\n');

/**
 * Runs a command; on failure throws with its output (the last lines, or the lines `pick`
 * selects), so CI logs show what broke.
 */
export async function run(
  command: string,
  args: readonly string[],
  cwd: string,
  timeoutMs = 120_000,
  pick: (stdout: string) => string = tail,
): Promise<string> {
  try {
    const { stdout } = await execFileAsync(command, [...args], {
      cwd,
      env: childEnv(),
      timeout: timeoutMs,
      maxBuffer: 64 * 1024 * 1024,
    });
    return stdout;
  } catch (error) {
    const { stdout = '', stderr = '', message } = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(
      `${basename(command)} ${args.join(' ')} failed in ${cwd}\n${message.split('\n')[0]}\n--- stdout ---\n${pick(stdout)}\n--- stderr ---\n${tail(stderr)}`,
    );
  }
}

/**
 * Copies the repository (sources, scripts, configs, docs; no node_modules or build output)
 * into `dir`, with node_modules linked, so the build and `npm pack` run on a copy and never
 * touch the working tree's dist/ while other tests run.
 */
export function stageRepository(dir: string): void {
  cpSync(REPO, dir, { recursive: true, filter: (src) => !SKIP.has(relative(REPO, src)) && !src.endsWith('.tgz') });
  symlinkSync(join(REPO, 'node_modules'), join(dir, 'node_modules'), 'dir');
}

/** One file of `npm pack --json`. */
export interface PackedFile {
  readonly path: string;
  readonly size: number;
}

/** Runs `npm pack` in `packageDir` into `destination`; returns the tarball path and its file list. */
export async function npmPack(
  packageDir: string,
  destination: string,
): Promise<{ tarball: string; files: PackedFile[] }> {
  // prepack builds first (about 30 s); its output comes before the JSON
  const out = await run(
    'npm',
    ['pack', '--pack-destination', destination, '--json', '--loglevel=error'],
    packageDir,
    240_000,
  );
  const [info] = JSON.parse(out.slice(out.indexOf('['))) as { filename: string; files: PackedFile[] }[];
  if (!info) throw new Error(`npm pack printed no tarball: ${out}`);
  return { tarball: join(destination, info.filename), files: info.files };
}

/** The version of a package installed in the repository, to pin the consumer to the same one. */
export function installedVersion(name: string): string {
  return (JSON.parse(readFileSync(join(REPO, 'node_modules', name, 'package.json'), 'utf8')) as { version: string })
    .version;
}

/** A fresh consumer project with the tarball, rxjs and @types/node installed, and the consumer fixtures copied in. */
export async function createConsumer(dir: string, tarball: string): Promise<void> {
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({ name: 'kinetic-consumer', version: '1.0.0', private: true }, null, 2),
  );
  await run(
    'npm',
    [
      'install',
      tarball,
      `rxjs@${installedVersion('rxjs')}`,
      `@types/node@${installedVersion('@types/node')}`,
      '--prefer-offline',
      '--no-audit',
      '--no-fund',
      '--loglevel=error',
    ],
    dir,
    180_000,
  );
  cpSync(join(__dirname, 'consumer'), dir, { recursive: true });
  // the same source checked once as CommonJS (.ts in a package without "type") and once as ESM (.mts)
  cpSync(join(dir, 'consumer.ts'), join(dir, 'consumer.mts'));
}

/**
 * Writes a tsconfig for one resolution mode and type-checks `files` with the repository's
 * TypeScript; returns the `--explainFiles` listing (which declaration file came from where).
 */
export async function typeCheck(
  dir: string,
  name: string,
  compilerOptions: Record<string, unknown>,
  files: readonly string[],
): Promise<string> {
  const config = {
    compilerOptions: { strict: true, noEmit: true, skipLibCheck: true, target: 'ES2022', ...compilerOptions },
    files,
  };
  writeFileSync(join(dir, `tsconfig.${name}.json`), JSON.stringify(config, null, 2));
  const tsc = join(REPO, 'node_modules', 'typescript', 'bin', 'tsc');
  const errors = (stdout: string): string =>
    stdout
      .split('\n')
      .filter((line) => /error TS\d+/.test(line))
      .join('\n');
  return run(process.execPath, [tsc, '-p', `tsconfig.${name}.json`, '--explainFiles'], dir, 120_000, errors);
}
