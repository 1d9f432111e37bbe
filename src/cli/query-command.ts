import { readFile } from 'node:fs/promises';
import { Option, type Command } from 'commander';
import {
  act,
  addConnectionOptions,
  connectionOf,
  outputOf,
  type CommandKit,
  type ConnectionFlags,
} from './command-kit.js';
import { either } from './either.js';
import { inputFileError } from './file-errors.js';
import { integerAtLeast, parseDelimiter, parseLineEnding, positiveNumber, type LoadOptions } from './load-options.js';
import type { RecordFormat } from './record-encoder.js';
import { runQuery } from './run-query.js';
import { UsageError } from './usage-error.js';

interface QueryFlags extends ConnectionFlags {
  readonly query?: string;
  readonly queryFile?: string;
  readonly out?: string;
  readonly outputFile?: string;
  readonly format?: RecordFormat;
  readonly resultFormat?: RecordFormat;
  readonly all?: boolean;
  readonly allRows?: boolean;
  readonly columnDelimiter?: LoadOptions['delimiter'];
  readonly lineEnding?: LoadOptions['lineEnding'];
  readonly parallel?: number;
  readonly maxRecords?: number;
  readonly timeoutMinutes?: number;
  readonly wait?: number;
}

const FORMATS: readonly RecordFormat[] = ['csv', 'json', 'ndjson'];

/** `kinetic query "<SOQL>" [--out FILE|-] [--format csv|json|ndjson] [--all] [--parallel N] [--max-records N]` */
export function addQueryCommand(program: Command, kit: CommandKit): void {
  const command = program
    .command('query [soql]')
    .description('run a SOQL query as a Bulk API job and stream its rows to a file or stdout')
    .option('-q, --query <soql>', 'the SOQL query, as a flag (sf) instead of the argument')
    .option('--query-file <path>', 'read the SOQL query from a file (sf)')
    .option('-o, --out <file>', 'output file, or - for stdout (default: -)')
    .option('--output-file <file>', 'same as --out (sf)')
    .addOption(new Option('--format <format>', 'output format (default: csv)').choices(FORMATS))
    .addOption(new Option('--result-format <format>', 'same as --format (sf)').choices(FORMATS))
    .option('--all', 'queryAll: include deleted and archived rows')
    .option('--all-rows', 'same as --all (sf)')
    .option('--column-delimiter <name>', 'column delimiter of CSV output (default COMMA)', parseDelimiter)
    .option('--line-ending <ending>', 'line ending of CSV output: LF (default) or CRLF', parseLineEnding)
    .option('--parallel <n>', 'result pages downloaded at once (default 1)', integerAtLeast(1))
    .option('--max-records <n>', 'rows per result page', integerAtLeast(1))
    .option('--timeout-minutes <n>', 'give up waiting for the job after <n> minutes (default 30)', positiveNumber)
    .option('--wait <minutes>', 'same as --timeout-minutes (sf)', positiveNumber);
  addConnectionOptions(command).action(async (soql: string | undefined, flags: QueryFlags) => {
    await act(kit, flags, async (terminal) => {
      const format = either(['--format', flags.format], ['--result-format', flags.resultFormat]) ?? 'csv';
      const delimiter = flags.columnDelimiter;
      const lineEnding = flags.lineEnding;
      if (format !== 'csv' && (delimiter !== undefined || lineEnding !== undefined))
        throw new UsageError('--column-delimiter and --line-ending are for CSV output');
      return runQuery(
        await soqlOf(soql, flags),
        {
          ...connectionOf(flags),
          ...outputOf(flags),
          out: either(['--out', flags.out], ['--output-file', flags.outputFile]) ?? '-',
          format,
          csv: { delimiter: delimiter ?? 'COMMA', lineEnding: lineEnding ?? 'LF' },
          all: flags.all === true || flags.allRows === true,
          parallel: flags.parallel,
          maxRecords: flags.maxRecords,
          timeoutMinutes: either(['--timeout-minutes', flags.timeoutMinutes], ['--wait', flags.wait]),
        },
        terminal,
      );
    });
  });
}

/** The query: the argument, `--query` or the text of `--query-file`, exactly one of them. */
async function soqlOf(argument: string | undefined, flags: QueryFlags): Promise<string> {
  const given = [argument, flags.query, flags.queryFile].filter((value) => value !== undefined);
  if (given.length === 0)
    throw new UsageError('missing the query: give it as the <soql> argument, --query or --query-file');
  if (given.length > 1) throw new UsageError('give the query once: as the <soql> argument, --query or --query-file');
  if (flags.queryFile === undefined) return argument ?? flags.query ?? '';
  const path = flags.queryFile;
  const text = await readFile(path, 'utf8').catch((error: unknown) => {
    throw inputFileError(path, error, '--query-file');
  });
  if (text.trim() === '') throw new UsageError(`--query-file ${path} is empty`);
  return text.trim();
}
