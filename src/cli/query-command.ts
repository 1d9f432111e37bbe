import { Option, type Command } from 'commander';
import {
  act,
  addConnectionOptions,
  connectionOf,
  outputOf,
  type CommandKit,
  type ConnectionFlags,
} from './command-kit.js';
import { integerAtLeast, positiveNumber } from './load-options.js';
import type { RecordFormat } from './record-encoder.js';
import { runQuery } from './run-query.js';

interface QueryFlags extends ConnectionFlags {
  readonly out: string;
  readonly format: RecordFormat;
  readonly all?: boolean;
  readonly parallel?: number;
  readonly maxRecords?: number;
  readonly timeoutMinutes?: number;
}

/** `kinetic query "<SOQL>" [--out FILE|-] [--format csv|json|ndjson] [--all] [--parallel N] [--max-records N]` */
export function addQueryCommand(program: Command, kit: CommandKit): void {
  const command = program
    .command('query <soql>')
    .description('run a SOQL query as a Bulk API job and stream its rows to a file or stdout')
    .option('-o, --out <file>', 'output file, or - for stdout', '-')
    .addOption(new Option('--format <format>', 'output format').choices(['csv', 'json', 'ndjson']).default('csv'))
    .option('--all', 'queryAll: include deleted and archived rows')
    .option('--parallel <n>', 'result pages downloaded at once (default 1)', integerAtLeast(1))
    .option('--max-records <n>', 'rows per result page', integerAtLeast(1))
    .option('--timeout-minutes <n>', 'give up waiting for the job after <n> minutes (default 30)', positiveNumber);
  addConnectionOptions(command).action(async (soql: string, flags: QueryFlags) => {
    await act(kit, flags, (terminal) =>
      runQuery(
        soql,
        {
          ...connectionOf(flags),
          ...outputOf(flags),
          out: flags.out,
          format: flags.format,
          all: flags.all === true,
          parallel: flags.parallel,
          maxRecords: flags.maxRecords,
          timeoutMinutes: flags.timeoutMinutes,
        },
        terminal,
      ),
    );
  });
}
