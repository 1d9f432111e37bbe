import { Option, type Command } from 'commander';
import {
  act,
  addConnectionOptions,
  connectionOf,
  outputOf,
  type CommandKit,
  type ConnectionFlags,
} from './command-kit.js';
import { either, required } from './either.js';
import { jobIdArgument } from './job-id.js';
import type { ColumnDelimiter, LineEnding } from '../index.js';
import { parseDelimiter, parseLineEnding, positiveNumber } from './load-options.js';
import type { RecordFormat } from './record-encoder.js';
import type { QueryJobOutput } from './run-query-job-results.js';
import { UsageError } from './usage-error.js';
import { runJobsResults, runJobsWait } from './run-job-wait.js';
import { runJobsAbort, runJobsGet, runJobsList } from './run-jobs.js';

interface JobsFlags extends ConnectionFlags {
  readonly jobId?: string;
  readonly kind?: 'ingest' | 'query';
  readonly resultsDir?: string;
  readonly sfResults?: boolean;
  readonly timeoutMinutes?: number;
  readonly wait?: number;
  readonly out?: string;
  readonly format?: RecordFormat;
  readonly columnDelimiter?: ColumnDelimiter;
  readonly lineEnding?: LineEnding;
}

const options = (flags: JobsFlags) => ({ ...connectionOf(flags), ...outputOf(flags) });

/** The job id: the argument or `--job-id` (sf). */
const jobIdOf = (argument: string | undefined, flags: JobsFlags): string =>
  jobIdArgument(required(['the <jobId> argument', argument], ['--job-id', flags.jobId], 'the job id'));

/** `jobs <name> [jobId]`, with `-i, --job-id` as the Salesforce CLI spells it. */
function jobCommand(jobs: Command, name: string, description: string): Command {
  return jobs
    .command(`${name} [jobId]`)
    .description(description)
    .option('-i, --job-id <id>', 'the job id, as a flag (sf) instead of the argument');
}

/** `kinetic jobs list|get|wait|abort|results` */
export function addJobsCommands(program: Command, kit: CommandKit): void {
  const jobs = program
    .command('jobs')
    .description('list, inspect, wait for, abort and fetch the results of Bulk API 2.0 jobs');

  const list = jobs
    .command('list')
    .description('list the ingest and query jobs of the org')
    .addOption(new Option('--kind <kind>', 'only ingest or only query jobs').choices(['ingest', 'query']));
  addConnectionOptions(list).action(async (flags: JobsFlags) => {
    await act(kit, flags, (terminal) => runJobsList({ ...options(flags), kind: flags.kind }, terminal));
  });

  addConnectionOptions(jobCommand(jobs, 'get', "show a job's state and counters")).action(
    async (jobId: string | undefined, flags: JobsFlags) => {
      await act(kit, flags, (terminal) => runJobsGet(jobIdOf(jobId, flags), options(flags), terminal));
    },
  );

  const wait = jobCommand(jobs, 'wait', 'poll a job until it ends (Ctrl-C stops watching, the job keeps running)')
    .option('--timeout-minutes <n>', 'give up after <n> minutes (default 10)', positiveNumber)
    .option('--wait <minutes>', 'same as --timeout-minutes (sf)', positiveNumber)
    .option('--results-dir <dir>', 'then write its success.csv, failed.csv and unprocessed.csv there (ingest jobs)')
    .option('--sf-results', 'write the result files as Salesforce returns them: sf__Id, sf__Created, sf__Error');
  addConnectionOptions(wait).action(async (jobId: string | undefined, flags: JobsFlags) => {
    await act(kit, flags, (terminal) =>
      runJobsWait(
        jobIdOf(jobId, flags),
        {
          ...options(flags),
          resultsDir: flags.resultsDir,
          sfResults: flags.sfResults === true,
          timeoutMinutes: either(['--timeout-minutes', flags.timeoutMinutes], ['--wait', flags.wait]),
        },
        terminal,
      ),
    );
  });

  addConnectionOptions(jobCommand(jobs, 'abort', 'abort a job that has not finished')).action(
    async (jobId: string | undefined, flags: JobsFlags) => {
      await act(kit, flags, (terminal) => runJobsAbort(jobIdOf(jobId, flags), options(flags), terminal));
    },
  );

  const results = jobCommand(
    jobs,
    'results',
    'write the success.csv, failed.csv and unprocessed.csv of a finished ingest job, or the rows of a query job',
  )
    .option('--results-dir <dir>', 'ingest job: where to write them (default: kinetic-results/<jobId>)')
    .option('--sf-results', 'ingest job: the result files as Salesforce returns them: sf__Id, sf__Created, sf__Error')
    .option('-o, --out <file>', 'query job: output file, or - for stdout (default: -); waits for the job if it runs')
    .addOption(
      new Option('--format <format>', 'query job: output format (default: csv)').choices(['csv', 'json', 'ndjson']),
    )
    .option('--column-delimiter <name>', 'query job: column delimiter of CSV output (default COMMA)', parseDelimiter)
    .option('--line-ending <ending>', 'query job: line ending of CSV output, LF (default) or CRLF', parseLineEnding);
  addConnectionOptions(results).action(async (jobId: string | undefined, flags: JobsFlags) => {
    await act(kit, flags, (terminal) =>
      runJobsResults(
        jobIdOf(jobId, flags),
        {
          ...options(flags),
          resultsDir: flags.resultsDir,
          sfResults: flags.sfResults === true,
          query: queryOutputOf(flags),
        },
        terminal,
      ),
    );
  });
}

/** The query-output flags of `jobs results`, when any was given. */
function queryOutputOf(flags: JobsFlags): Partial<QueryJobOutput> | undefined {
  const { out, format, columnDelimiter, lineEnding } = flags;
  if ([out, format, columnDelimiter, lineEnding].every((flag) => flag === undefined)) return undefined;
  if (format !== undefined && format !== 'csv' && (columnDelimiter !== undefined || lineEnding !== undefined))
    throw new UsageError('--column-delimiter and --line-ending are for CSV output');
  return {
    ...(out !== undefined ? { out } : {}),
    ...(format !== undefined ? { format } : {}),
    csv: { delimiter: columnDelimiter ?? 'COMMA', lineEnding: lineEnding ?? 'LF' },
  };
}
