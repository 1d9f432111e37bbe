import { InvalidArgumentError, type Command } from 'commander';
import { act, addOutputOptions, outputOf, type CommandKit } from './command-kit.js';
import { integerAtLeast } from './load-options.js';
import { runDemoCommand } from './run-demo.js';
import { DEFAULT_CLI_PORT } from '../testing/cli-main.js';
import { runEmulator, type EmulatorCliOptions } from './run-emulator.js';

interface EmulatorFlags {
  readonly port: number;
  readonly cors?: string | true;
  readonly host?: string;
  readonly rate?: number | 'instant';
  readonly json?: boolean;
  readonly verbose?: boolean;
}

interface DemoFlags {
  readonly records?: number;
  readonly rate?: number;
  readonly json?: boolean;
  readonly verbose?: boolean;
}

/** `--rate`: records per second, or `instant`. */
function parseRate(text: string): number | 'instant' {
  if (text === 'instant') return 'instant';
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0)
    throw new InvalidArgumentError('expected records per second (a positive number) or "instant"');
  return value;
}

/** `--cors` alone or `--cors '*'`: any origin; otherwise a comma-separated list of origins. */
function corsOf(flag: string | true | undefined): EmulatorCliOptions['cors'] {
  if (flag === undefined) return undefined;
  if (flag === true || flag === '*' || flag === '') return true;
  return { origins: flag.split(',').map((origin) => origin.trim()) };
}

/** `kinetic emulator [--port N]` and `kinetic demo`. */
export function addToolCommands(program: Command, kit: CommandKit): void {
  const emulator = program
    .command('emulator')
    .description('run the local Bulk API 2.0 emulator until Ctrl-C (prints its URL and access token)')
    .option('-p, --port <n>', `TCP port (0: any free port)`, integerAtLeast(0), DEFAULT_CLI_PORT)
    .option('--host <host>', 'interface to bind (default 127.0.0.1)')
    .option('--rate <n>', 'records processed per second, or "instant" (default 5000)', parseRate)
    .option('--cors [origins]', 'answer browser pages on other origins: alone for any, or a comma-separated list');
  addOutputOptions(emulator).action(async (flags: EmulatorFlags) => {
    await act(kit, flags, (terminal) =>
      runEmulator(
        { ...outputOf(flags), port: flags.port, host: flags.host, rate: flags.rate, cors: corsOf(flags.cors) },
        terminal,
      ),
    );
  });

  const demo = program
    .command('demo')
    .description('run the kinetic-core demo (as npm start) against an embedded emulator')
    .option('--records <n>', 'records of the large loads (default 50,000)', integerAtLeast(1))
    .option('--rate <n>', 'emulator records per second (default 25,000)', integerAtLeast(1));
  addOutputOptions(demo).action(async (flags: DemoFlags) => {
    await act(kit, flags, (terminal) =>
      runDemoCommand({ ...outputOf(flags), records: flags.records, rate: flags.rate }, terminal),
    );
  });
}
