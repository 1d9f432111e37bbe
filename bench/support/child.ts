import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { build } from 'esbuild';

const root = resolve(__dirname, '..', '..');

/** Bundles a TypeScript entry (npm packages left external) into .tmp/bench and returns the file. */
export async function bundle(entry: string): Promise<string> {
  const source = resolve(root, entry);
  const outfile = join(
    root,
    '.tmp',
    'bench',
    `${relative(root, source).replace(/\.ts$/, '').replace(/[\\/]/g, '-')}.cjs`,
  );
  mkdirSync(join(root, '.tmp', 'bench'), { recursive: true });
  await build({
    entryPoints: [source],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  });
  return outfile;
}

/** A child process that prints one JSON line when ready (a server) or when done (a measured run). */
export interface Child<T> {
  readonly result: Promise<T>;
  kill(): void;
}

/** Runs a bundled entry in its own process (so its CPU and memory are measured alone) and resolves with its first JSON line. */
export function runChild<T>(file: string, args: readonly string[], nodeArgs: readonly string[] = []): Child<T> {
  const child = spawn(process.execPath, [...nodeArgs, file, ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
    cwd: root,
  });
  let buffer = '';
  const result = new Promise<T>((resolvePromise, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      const line = buffer.split('\n').find((l) => l.startsWith('{'));
      if (line) resolvePromise(JSON.parse(line) as T);
    });
    child.on('exit', (code) => reject(new Error(`${file} exited with ${code} before printing a result`)));
    child.on('error', reject);
  });
  return { result, kill: () => child.kill('SIGTERM') };
}

/** What a measured client run reports. */
export interface Measurement {
  readonly label: string;
  readonly records: number;
  readonly wallMs: number;
  readonly cpuMs: number;
  readonly peakRssMb: number;
  readonly success: number;
  readonly failed: number;
  readonly unprocessed: number;
  readonly jobs: number;
  readonly note?: string;
}

/** Measures a run inside the current process: wall time, CPU time (user + system) and peak RSS. */
export async function measure(
  label: string,
  records: number,
  run: () => Promise<Omit<Measurement, 'label' | 'records' | 'wallMs' | 'cpuMs' | 'peakRssMb'>>,
): Promise<Measurement> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const outcome = await run();
  const cpu = process.cpuUsage(cpu0);
  return {
    label,
    records,
    wallMs: Math.round(performance.now() - t0),
    cpuMs: Math.round((cpu.user + cpu.system) / 1000),
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    ...outcome,
  };
}
