import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';

/** What a finished CLI run gave. */
export interface CliRun {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** A CLI process still running, for tests that interact with it (Ctrl-C). */
export interface RunningCli {
  readonly child: ChildProcess;
  readonly done: Promise<CliRun>;
  /** Resolves once stderr matches (rejects if the process ends first). */
  waitForStderr(pattern: RegExp): Promise<RegExpMatchArray>;
  /** Resolves once stdout matches (rejects if the process ends first). */
  waitForStdout(pattern: RegExp): Promise<RegExpMatchArray>;
}

const ROOT = resolve(__dirname, '../..');

/**
 * The `kinetic` command bundled by esbuild from src/cli/main.ts into a temp dir (much faster than
 * the full build), run with `node` as a child process in a scratch working directory.
 */
export class CliHarness {
  readonly dir: string;
  private bundle = '';

  private constructor() {
    this.dir = mkdtempSync(join(tmpdir(), 'kinetic-cli-'));
  }

  static async create(): Promise<CliHarness> {
    const harness = new CliHarness();
    harness.bundle = join(harness.dir, 'kinetic.cjs');
    await build({
      entryPoints: [join(ROOT, 'src/cli/main.ts')],
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      outfile: harness.bundle,
      logLevel: 'warning',
    });
    return harness;
  }

  /** Starts the CLI; the environment has no SF_* variables unless given. */
  start(args: readonly string[], env: Readonly<Record<string, string>> = {}, cwd = this.dir): RunningCli {
    const clean = Object.fromEntries(
      Object.entries(process.env).filter(([key]) => !key.startsWith('SF_') && key !== 'NO_COLOR'),
    );
    const child = spawn(process.execPath, [this.bundle, ...args], {
      cwd,
      env: { ...clean, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const output = { stdout: '', stderr: '' };
    const waiters: {
      stream: 'stdout' | 'stderr';
      pattern: RegExp;
      resolve: (m: RegExpMatchArray) => void;
      reject: (e: Error) => void;
    }[] = [];
    const settle = (): void => {
      for (const waiter of [...waiters]) {
        const match = output[waiter.stream].match(waiter.pattern);
        if (!match) continue;
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(match);
      }
    };
    for (const stream of ['stdout', 'stderr'] as const) {
      child[stream]?.setEncoding('utf8').on('data', (chunk: string) => {
        output[stream] += chunk;
        settle();
      });
    }
    const done = new Promise<CliRun>((resolveRun) => {
      child.on('close', (code, signal) => {
        for (const waiter of waiters)
          waiter.reject(
            new Error(`the CLI ended before ${waiter.stream} matched ${waiter.pattern}:\n${output.stderr}`),
          );
        resolveRun({ code, signal, stdout: output.stdout, stderr: output.stderr });
      });
    });
    const waitFor = (stream: 'stdout' | 'stderr', pattern: RegExp): Promise<RegExpMatchArray> =>
      new Promise((resolveMatch, reject) => {
        waiters.push({ stream, pattern, resolve: resolveMatch, reject });
        settle();
      });
    return {
      child,
      done,
      waitForStderr: (pattern) => waitFor('stderr', pattern),
      waitForStdout: (pattern) => waitFor('stdout', pattern),
    };
  }

  /** Runs the CLI to its end. */
  run(args: readonly string[], env: Readonly<Record<string, string>> = {}): Promise<CliRun> {
    return this.start(args, env).done;
  }

  /** Runs the CLI to its end in a subfolder of the scratch directory. */
  runIn(sub: string, args: readonly string[], env: Readonly<Record<string, string>> = {}): Promise<CliRun> {
    return this.start(args, env, join(this.dir, sub)).done;
  }

  path(name: string): string {
    return join(this.dir, name);
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** `--instance-url` and `--access-token` of an emulator, plus fast polling. */
export function target(emulator: { readonly url: string; readonly accessToken: string }): string[] {
  return ['--instance-url', emulator.url, '--access-token', emulator.accessToken, '--poll-interval', '50'];
}

/** The JSON document of `--json` (the Salesforce CLI's shape). */
export interface JsonDocument {
  readonly status: number;
  readonly result?: Record<string, unknown>;
  readonly name?: string;
  readonly message?: string;
  readonly exitCode?: number;
  readonly errorCode?: string;
  readonly warnings: readonly string[];
}

/** Parses the `--json` document printed in `text` (its first `{` on). */
export function jsonDocument(text: string): JsonDocument {
  return JSON.parse(text.slice(text.indexOf('{'))) as JsonDocument;
}

/** The `result` of a `--json` document, typed as the test expects it. */
export function jsonResult<T = Record<string, unknown>>(text: string): T {
  const document = jsonDocument(text);
  if (!document.result) throw new Error(`no result in ${text}`);
  return document.result as T;
}

/**
 * Removes a results folder while a load runs in it: the load keeps writing its journal there (and
 * makes the folder again), so a removal can meet a file created meanwhile; it is tried again.
 */
export async function removeFolder(path: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      rmSync(path, { recursive: true, force: true });
      return;
    } catch (error: unknown) {
      if (attempt > 100) throw error;
      await sleep(5);
    }
  }
}
