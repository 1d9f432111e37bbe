import { CommanderError } from 'commander';
import type { CliIo } from './cli-io.js';
import { EXIT } from './exit-codes.js';
import { jsonEnvelope } from './json-envelope.js';
import { buildProgram, commandKit } from './program.js';
import { registerCliSecrets, scrub } from './scrub.js';

/**
 * Runs the `kinetic` command line and resolves with its exit code: 0 success, 1 rows failed,
 * 2 usage or other error, 3 results not written, 130 interrupted. Never calls `process.exit` itself.
 */
export async function runKinetic(argv: readonly string[], io: CliIo): Promise<number> {
  registerCliSecrets(argv, io.env);
  const kit = commandKit(io);
  try {
    await buildProgram(kit).parseAsync([...argv], { from: 'user' });
    return kit.exitCode;
  } catch (error: unknown) {
    // --help and --version end the parse with exit code 0; every other parse failure is a usage error
    if (error instanceof CommanderError) {
      if (error.exitCode === 0) return EXIT.ok;
      if (wantsJson(argv)) printUsageJson(io, error);
      return EXIT.error;
    }
    io.stderr.write(`kinetic: ${scrub(error instanceof Error ? error.message : String(error))}\n`);
    return EXIT.error;
  }
}

/** `--json` among the options (not after `--`, where it would be an argument). */
function wantsJson(argv: readonly string[]): boolean {
  const end = argv.indexOf('--');
  return (end < 0 ? argv : argv.slice(0, end)).includes('--json');
}

/** A usage error as the JSON document (commander has already printed it on stderr). */
function printUsageJson(io: CliIo, error: CommanderError): void {
  const message = error.message.replace(/^error: /, '');
  const document = jsonEnvelope({
    exitCode: EXIT.error,
    failure: { name: 'UsageError', message, errorCode: error.code, hint: 'see kinetic --help' },
  });
  io.stdout.write(`${scrub(JSON.stringify(document, null, 2))}\n`);
}
