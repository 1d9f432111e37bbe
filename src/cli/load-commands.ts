import type { Command } from 'commander';
import type { IngestOperation } from '../index.js';
import {
  act,
  addConnectionOptions,
  connectionOf,
  outputOf,
  type CommandKit,
  type ConnectionFlags,
} from './command-kit.js';
import { integerAtLeast, parseDelimiter, parseLineEnding, positiveNumber, type LoadOptions } from './load-options.js';
import { runLoad } from './run-load.js';

interface LoadFlags extends ConnectionFlags {
  readonly file: string;
  readonly externalId?: string;
  readonly resultsDir?: string;
  readonly delimiter?: LoadOptions['delimiter'];
  readonly lineEnding?: LoadOptions['lineEnding'];
  readonly wait: boolean;
  readonly timeoutMinutes?: number;
  readonly concurrency?: number;
  readonly maxRecordsPerJob?: number;
  readonly maxBytesPerJob?: number;
}

const LOADS: readonly { readonly name: string; readonly operation: IngestOperation; readonly summary: string }[] = [
  { name: 'insert', operation: 'insert', summary: 'insert the rows of a CSV file' },
  { name: 'update', operation: 'update', summary: 'update records by Id from a CSV file' },
  { name: 'upsert', operation: 'upsert', summary: 'insert or update records matched on an external id field' },
  { name: 'delete', operation: 'delete', summary: 'delete the records whose Id is in a CSV file (to the Recycle Bin)' },
  {
    name: 'hard-delete',
    operation: 'hardDelete',
    summary: 'delete records permanently (needs the "Bulk API Hard Delete" permission)',
  },
];

/** `kinetic insert|update|upsert|delete|hard-delete <sObject> --file data.csv ...` */
export function addLoadCommands(program: Command, kit: CommandKit): void {
  for (const load of LOADS) {
    const command = program
      .command(`${load.name} <sObject>`)
      .description(`${load.summary}; writes success.csv, failed.csv and unprocessed.csv`)
      .requiredOption('-f, --file <path>', 'CSV file with a header row (any size: it is streamed and split into jobs)');
    if (load.operation === 'upsert')
      command.requiredOption('--external-id <field>', 'external id field that matches rows to records');
    command
      .option(
        '--results-dir <dir>',
        'where to write the result files (default: kinetic-results/<time>-<operation>-<sObject>)',
      )
      .option(
        '--delimiter <name>',
        'column delimiter of the file: COMMA, TAB, PIPE, SEMICOLON, CARET, BACKQUOTE',
        parseDelimiter,
      )
      .option('--line-ending <ending>', 'line ending of the file: LF or CRLF', parseLineEnding)
      .option('--no-wait', 'upload and close the jobs, then exit without waiting (see kinetic jobs wait)')
      .option(
        '--timeout-minutes <n>',
        'give up waiting after <n> minutes (default 10); the jobs keep running',
        positiveNumber,
      )
      .option('--concurrency <n>', 'jobs run at once when the file is split (default 3)', integerAtLeast(1))
      .option('--max-records-per-job <n>', 'start a new job after <n> rows (default: no row limit)', integerAtLeast(1))
      .option(
        '--max-bytes-per-job <n>',
        'start a new job before a job passes <n> bytes (default 100,000,000)',
        integerAtLeast(1024),
      );
    addConnectionOptions(command).action(async (object: string, flags: LoadFlags) => {
      await act(kit, flags, (terminal) =>
        runLoad(
          load.operation,
          object,
          {
            ...connectionOf(flags),
            ...outputOf(flags),
            file: flags.file,
            externalId: flags.externalId,
            resultsDir: flags.resultsDir,
            delimiter: flags.delimiter,
            lineEnding: flags.lineEnding,
            wait: flags.wait,
            timeoutMinutes: flags.timeoutMinutes,
            concurrency: flags.concurrency,
            maxRecordsPerJob: flags.maxRecordsPerJob,
            maxBytesPerJob: flags.maxBytesPerJob,
          },
          terminal,
        ),
      );
    });
  }
}
