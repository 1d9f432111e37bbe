import { Option, type Command } from 'commander';
import type { CliIo } from './cli-io.js';
import type { ConnectionOptions } from './connect.js';
import { failWith, reportError } from './error-report.js';
import { integerAtLeast } from './load-options.js';
import { Terminal, type OutputMode } from './terminal.js';

/** What the command line's actions share: the process and the exit code the last one chose. */
export interface CommandKit {
  readonly io: CliIo;
  exitCode: number;
}

/** The options of commands that talk to Salesforce, as commander parses them. */
export interface ConnectionFlags extends OutputMode {
  readonly target: 'org' | 'local';
  readonly instanceUrl?: string;
  readonly accessToken?: string;
  readonly targetOrg?: string;
  readonly apiVersion?: string;
  readonly pollInterval?: number;
}

/** `--json` and `--verbose`, on every command (options may follow the subcommand). */
export function addOutputOptions(command: Command): Command {
  return command
    .option('--json', 'print one machine-readable JSON summary on stdout')
    .option('--verbose', 'print the SDK debug log (requests, polls) on stderr, secrets masked');
}

/** Where to connect: `--target`, `--instance-url`, `--access-token`, `--api-version`, `--poll-interval`. */
export function addConnectionOptions(command: Command): Command {
  command
    .addOption(
      new Option(
        '--target <target>',
        'org: credentials from the flags below or the SF_* variables; local: an embedded emulator',
      )
        .choices(['org', 'local'])
        .default('org'),
    )
    .option('--instance-url <url>', 'org URL, e.g. https://acme.my.salesforce.com (default: $SF_INSTANCE_URL)')
    .option('--access-token <token>', 'access token (default: $SF_ACCESS_TOKEN, which is safer: flags show in ps)')
    .option(
      '--target-org <org>',
      'an org alias or username of the Salesforce CLI: its session, from sf org display (default: $SF_TARGET_ORG)',
    )
    .option('--api-version <version>', 'API version, e.g. 66.0 (default: $SF_API_VERSION or 66.0)')
    .option(
      '--poll-interval <ms>',
      'poll job state every <ms> ms (default: 2 s, growing x1.5 up to 30 s)',
      integerAtLeast(50),
    );
  return addOutputOptions(command);
}

/** The connection part of parsed options. */
export function connectionOf(flags: ConnectionFlags): ConnectionOptions {
  return {
    target: flags.target,
    instanceUrl: flags.instanceUrl,
    accessToken: flags.accessToken,
    targetOrg: flags.targetOrg,
    apiVersion: flags.apiVersion,
    pollInterval: flags.pollInterval,
  };
}

/** The output part of parsed options. */
export function outputOf(flags: Partial<OutputMode>): OutputMode {
  return { json: flags.json === true, verbose: flags.verbose === true };
}

/**
 * Runs an action body with a terminal set up from its options; whatever it throws is reported
 * (secrets masked) and becomes exit code 2.
 */
export async function act(
  kit: CommandKit,
  flags: Partial<OutputMode>,
  body: (terminal: Terminal) => Promise<number>,
): Promise<void> {
  const terminal = new Terminal(kit.io, outputOf(flags));
  try {
    kit.exitCode = await body(terminal);
  } catch (error: unknown) {
    kit.exitCode = failWith(reportError(error), terminal);
  }
}
