import { CommanderError } from 'commander';
import type { CliIo } from './cli-io.js';
import { EXIT } from './exit-codes.js';
import { buildProgram, commandKit } from './program.js';
import { registerCliSecrets, scrub } from './scrub.js';

/**
 * Runs the `kinetic` command line and resolves with its exit code: 0 success, 1 rows failed,
 * 2 usage or other error, 130 interrupted. Never calls `process.exit` itself.
 */
export async function runKinetic(argv: readonly string[], io: CliIo): Promise<number> {
  registerCliSecrets(argv, io.env);
  const kit = commandKit(io);
  try {
    await buildProgram(kit).parseAsync([...argv], { from: 'user' });
    return kit.exitCode;
  } catch (error: unknown) {
    // --help and --version end the parse with exit code 0; every other parse failure is a usage error
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.error;
    io.stderr.write(`kinetic: ${scrub(error instanceof Error ? error.message : String(error))}\n`);
    return EXIT.error;
  }
}
