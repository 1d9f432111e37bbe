import { Command } from 'commander';
import type { CliIo } from './cli-io.js';
import type { CommandKit } from './command-kit.js';
import { addJobsCommands } from './jobs-commands.js';
import { addLoadCommands } from './load-commands.js';
import { packageVersion } from './package-version.js';
import { addQueryCommand } from './query-command.js';
import { scrub } from './scrub.js';
import { addToolCommands } from './tool-commands.js';

const EXAMPLES = `
Examples:
  kinetic emulator                                  # a local org to try things on (port 8080)
  kinetic insert Account --file accounts.csv --results-dir out/
  kinetic insert Account --file accounts.csv --resume out/    # finish a load that stopped midway
  kinetic upsert Contact --file contacts.csv --external-id External_Id__c
  kinetic query "SELECT Id, Name FROM Account" --out accounts.csv
  kinetic jobs list
  kinetic insert Account --file accounts.csv --target local
  kinetic insert --sobject Account --file accounts.csv --target-org my-sandbox --wait 10

Authentication: --target-org (a Salesforce CLI org), SF_* variables (see docs/authentication.md),
or --instance-url + --access-token.
Exit codes: 0 every row succeeded, 1 some rows failed or went unprocessed, 2 error,
3 jobs ran but their result files could not be written, 4 a load stopped midway (--resume
finishes it), 130 Ctrl-C.`;

/**
 * The `kinetic` command line. Parsing errors do not exit the process: commander throws (exit
 * override) and `runKinetic` turns that into exit code 2; every message it prints is scrubbed.
 */
export function buildProgram(kit: CommandKit): Command {
  const { io } = kit;
  const program = new Command('kinetic');
  program
    .description(
      'Salesforce Bulk API 2.0 from the terminal: streamed loads and exports, live progress, result files, real cancellation',
    )
    .version(packageVersion(), '-V, --version')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(scrub(text)),
      outputError: (text, write) => write(scrub(text)),
    })
    .showHelpAfterError('(run kinetic --help for usage)')
    .addHelpText('after', EXAMPLES);
  addLoadCommands(program, kit);
  addQueryCommand(program, kit);
  addJobsCommands(program, kit);
  addToolCommands(program, kit);
  return program;
}

/** A fresh kit for one run. */
export function commandKit(io: CliIo): CommandKit {
  return { io, exitCode: 0 };
}
