#!/usr/bin/env node
/**
 * The `kinetic` executable (package.json `bin`). Everything happens in `runKinetic`; this file
 * only wires the real process and exits once stdout and stderr are flushed, so that a piped
 * export is never cut short and no idle keep-alive socket holds the process open.
 */
import { processIo } from './cli-io.js';
import { EXIT } from './exit-codes.js';
import { runKinetic } from './kinetic.js';

function flushed(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => {
    if (stream.destroyed || !stream.writable) resolve();
    else stream.write('', () => resolve());
  });
}

// a reader that closes the pipe early (`kinetic query ... | head`) must not crash the command half way:
// the export notices through its own stream listener and stops; other output is simply dropped
const ignoreClosedPipe = (error: NodeJS.ErrnoException): void => {
  if (error.code !== 'EPIPE') throw error;
};
process.stdout.on('error', ignoreClosedPipe);
process.stderr.on('error', ignoreClosedPipe);

// a command whose work ends without it settling must not pass for a success: exit 2 until it says otherwise
process.exitCode = EXIT.error;

void runKinetic(process.argv.slice(2), processIo()).then(async (code) => {
  await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
  process.exit(code);
});
