/** A stream the CLI writes to: `process.stdout`, `process.stderr` or a file. */
export interface OutStream {
  write(chunk: string, callback?: (error?: Error | null) => void): boolean;
  on(event: 'error', listener: (error: Error) => void): unknown;
  once(event: 'drain' | 'error', listener: (error?: Error) => void): unknown;
  removeListener(event: 'drain' | 'error', listener: (error?: Error) => void): unknown;
  readonly isTTY?: boolean | undefined;
  /** Terminal width, when a terminal. */
  readonly columns?: number | undefined;
}

/** Where a signal comes from: `process` in production. */
export interface SignalSource {
  on(event: 'SIGINT', listener: () => void): unknown;
  removeListener(event: 'SIGINT', listener: () => void): unknown;
}

/** Everything the CLI touches outside itself, so that it can be driven without a real terminal. */
export interface CliIo {
  readonly stdout: OutStream;
  readonly stderr: OutStream;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly signals: SignalSource;
  /** Leaves at once, without waiting for anything (a second Ctrl-C). */
  readonly exitNow: (code: number) => void;
}

/** The real process. */
export function processIo(): CliIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    signals: process,
    exitNow: (code) => process.exit(code),
  };
}

/** True when output should be decorated (progress bars, colour): a terminal, and `NO_COLOR` unset for colour. */
export function isInteractive(stream: OutStream): boolean {
  return stream.isTTY === true;
}
