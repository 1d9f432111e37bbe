#!/usr/bin/env node
/**
 * The emulator as a command: `node dist/cjs/src/testing/cli.js --port 8080`.
 * Stops cleanly on SIGINT / SIGTERM (the process then exits once the server is closed).
 */
import { CLI_USAGE, runCli } from './cli-main.js';

const print = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

runCli(process.argv.slice(2), print).then(
  (emulator) => {
    if (!emulator) return;
    const stop = (): void => {
      process.removeListener('SIGINT', stop);
      process.removeListener('SIGTERM', stop);
      void emulator.close().then(() => print('Bulk API 2.0 emulator stopped'));
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${CLI_USAGE}\n`);
    process.exitCode = 1;
  },
);
