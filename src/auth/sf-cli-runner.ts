/** How a run of the Salesforce CLI ended. */
export type SfCliOutcome =
  | {
      /** The command ran to its end. */
      readonly kind: 'exited';
      /** Its exit code. */
      readonly exitCode: number;
      /** What it printed on stdout. */
      readonly stdout: string;
    }
  | {
      /** The command is not on the PATH. */
      readonly kind: 'not-found';
    }
  | {
      /** The command did not finish in time (it was stopped). */
      readonly kind: 'timed-out';
    }
  | {
      /** The command could not be run. */
      readonly kind: 'failed';
      /** Why, without anything the command printed. */
      readonly reason: string;
    };

/** Runs `command` with `args`, without a shell; injected so that tests and other hosts can replace it. */
export type SfCliRunner = (
  command: string,
  args: readonly string[],
  options: { readonly timeoutMs: number },
) => Promise<SfCliOutcome>;

interface ExecFileError {
  readonly code?: unknown;
  readonly killed?: boolean;
  readonly signal?: unknown;
}

type ExecFile = (
  file: string,
  args: readonly string[],
  options: { timeout: number; maxBuffer: number; windowsHide: boolean; encoding: 'utf8' },
  callback: (error: ExecFileError | null, stdout: string) => void,
) => unknown;

/** `sf org display --json` prints a few kilobytes; anything past this is not its output. */
const MAX_OUTPUT_BYTES = 1024 * 1024;

/**
 * The default {@link SfCliRunner}: Node's `child_process.execFile` (no shell, so an alias is
 * never interpreted), reached through `process.getBuiltinModule` (Node 20.16+) at call time. No
 * module of the SDK imports `node:child_process`, so browser bundles stay clean; in a browser
 * the run ends `failed`.
 */
export const nodeSfCliRunner: SfCliRunner = (command, args, options) => {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const childProcess = proc?.getBuiltinModule?.('node:child_process') as { execFile: ExecFile } | undefined;
  if (!childProcess)
    return Promise.resolve({ kind: 'failed', reason: 'the Salesforce CLI can only be run on Node.js' });
  return new Promise((resolve) => {
    childProcess.execFile(
      command,
      args,
      { timeout: options.timeoutMs, maxBuffer: MAX_OUTPUT_BYTES, windowsHide: true, encoding: 'utf8' },
      (error, stdout) => {
        if (!error) resolve({ kind: 'exited', exitCode: 0, stdout });
        else if (error.code === 'ENOENT') resolve({ kind: 'not-found' });
        else if (error.code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER')
          resolve({ kind: 'failed', reason: `it printed more than ${MAX_OUTPUT_BYTES} bytes` });
        else if (error.killed === true && error.signal !== null) resolve({ kind: 'timed-out' });
        // a non-zero exit still printed its JSON (sf's errors come that way)
        else if (typeof error.code === 'number') resolve({ kind: 'exited', exitCode: error.code, stdout });
        else resolve({ kind: 'failed', reason: typeof error.code === 'string' ? error.code : 'it could not be run' });
      },
    );
  });
};
