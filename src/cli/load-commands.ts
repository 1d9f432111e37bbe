import { Option, type Command } from 'commander';
import type { IngestOperation } from '../index.js';
import {
  act,
  addConnectionOptions,
  connectionOf,
  outputOf,
  type CommandKit,
  type ConnectionFlags,
} from './command-kit.js';
import { either, required } from './either.js';
import {
  integerAtLeast,
  nonNegativeNumber,
  parseDelimiter,
  parseLineEnding,
  positiveNumber,
  type LoadOptions,
} from './load-options.js';
import { runLoad } from './run-load.js';
import { UsageError } from './usage-error.js';

interface LoadFlags extends ConnectionFlags {
  readonly file?: string;
  readonly sobject?: string;
  readonly externalId?: string;
  readonly resultsDir?: string;
  readonly resume?: string;
  readonly sfResults?: boolean;
  readonly delimiter?: LoadOptions['delimiter'];
  readonly columnDelimiter?: LoadOptions['delimiter'];
  readonly lineEnding?: LoadOptions['lineEnding'];
  readonly encoding?: string;
  readonly precheck: boolean;
  /** `--wait <minutes>` (sf) gives a number, `--no-wait` false. */
  readonly wait?: number | false;
  readonly async?: boolean;
  readonly hardDelete?: boolean;
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
      .command(`${load.name} [sObject]`)
      .description(`${load.summary}; writes success.csv, failed.csv and unprocessed.csv`)
      // checked in the action, not by commander: a mistyped option then gets its "did you mean" hint first
      .option(
        '-f, --file <path>',
        'required: CSV file with a header row (any size: it is streamed and split into jobs)',
      )
      .option('-s, --sobject <name>', 'the object, as a flag (sf) instead of the argument');
    if (load.operation === 'upsert')
      command.option('--external-id <field>', 'required: external id field that matches rows to records');
    if (load.operation === 'delete')
      command.option('--hard-delete', 'delete permanently, as kinetic hard-delete (sf data delete bulk --hard-delete)');
    command
      .option(
        '--results-dir <dir>',
        'where to write the result files (default: kinetic-results/<time>-<operation>-<sObject>)',
      )
      .option(
        '--resume <dir>',
        'finish the load whose results folder (and journal) is <dir>: same command and file; finished jobs are not run again',
      )
      .option('--sf-results', 'write the result files as Salesforce returns them: sf__Id, sf__Created, sf__Error')
      .option(
        '--delimiter <name>',
        'column delimiter: COMMA, TAB, PIPE, SEMICOLON, CARET, BACKQUOTE (default: that of the header line)',
        parseDelimiter,
      )
      .option('--column-delimiter <name>', 'same as --delimiter (sf)', parseDelimiter)
      .option(
        '--line-ending <ending>',
        'line ending of the file: LF or CRLF (default: that of its header line)',
        parseLineEnding,
      )
      .option('--encoding <name>', "the file's encoding, e.g. windows-1252, latin1, utf-16le (default utf-8)")
      .option('--no-precheck', 'do not read the whole file for bad rows before the load (huge files)')
      .option('--no-wait', 'upload and close the jobs, then exit without waiting (see kinetic jobs wait)')
      .option('--async', 'same as --no-wait (sf)')
      .addOption(
        new Option('--wait <minutes>', 'wait up to <minutes> for the jobs (sf): as --timeout-minutes; 0 is --no-wait')
          .argParser(nonNegativeNumber)
          .conflicts('async'),
      )
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
    addConnectionOptions(command).action(async (sObject: string | undefined, flags: LoadFlags) => {
      await act(kit, flags, (terminal) => {
        const object = required(['the <sObject> argument', sObject], ['--sobject', flags.sobject], 'the object');
        const operation = load.operation === 'delete' && flags.hardDelete === true ? 'hardDelete' : load.operation;
        return runLoad(operation, object, { ...loadOptions(flags), ...outputOf(flags) }, terminal);
      });
    });
  }
}

/** The options of a load, with the Salesforce CLI's spellings folded into kinetic's. */
function loadOptions(flags: LoadFlags): Omit<LoadOptions, 'json' | 'verbose'> {
  const waitMinutes = typeof flags.wait === 'number' && flags.wait > 0 ? flags.wait : undefined;
  const noWait = flags.wait === false || flags.wait === 0 || flags.async === true;
  if (noWait && flags.timeoutMinutes !== undefined)
    throw new UsageError('--timeout-minutes is how long to wait: drop it, or drop --no-wait / --async / --wait 0');
  if (flags.file === undefined) throw new UsageError('missing --file <path>: the CSV file to load');
  return {
    ...connectionOf(flags),
    file: flags.file,
    externalId: flags.externalId,
    resultsDir: flags.resultsDir,
    resume: flags.resume,
    sfResults: flags.sfResults === true,
    delimiter: either(['--delimiter', flags.delimiter], ['--column-delimiter', flags.columnDelimiter]),
    lineEnding: flags.lineEnding,
    encoding: flags.encoding,
    precheck: flags.precheck,
    wait: !noWait,
    timeoutMinutes: either(['--timeout-minutes', flags.timeoutMinutes], ['--wait', waitMinutes]),
    concurrency: flags.concurrency,
    maxRecordsPerJob: flags.maxRecordsPerJob,
    maxBytesPerJob: flags.maxBytesPerJob,
  };
}
