import { Option, type Command } from 'commander';
import {
  act,
  addConnectionOptions,
  connectionOf,
  outputOf,
  type CommandKit,
  type ConnectionFlags,
} from './command-kit.js';
import { positiveNumber } from './load-options.js';
import { runJobsResults, runJobsWait } from './run-job-wait.js';
import { runJobsAbort, runJobsGet, runJobsList } from './run-jobs.js';

interface JobsFlags extends ConnectionFlags {
  readonly kind?: 'ingest' | 'query';
  readonly resultsDir?: string;
  readonly timeoutMinutes?: number;
}

const options = (flags: JobsFlags) => ({ ...connectionOf(flags), ...outputOf(flags) });

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

  addConnectionOptions(jobs.command('get <jobId>').description("show a job's state and counters")).action(
    async (jobId: string, flags: JobsFlags) => {
      await act(kit, flags, (terminal) => runJobsGet(jobId, options(flags), terminal));
    },
  );

  const wait = jobs
    .command('wait <jobId>')
    .description('poll a job until it ends (Ctrl-C stops watching, the job keeps running)')
    .option('--timeout-minutes <n>', 'give up after <n> minutes (default 10)', positiveNumber)
    .option('--results-dir <dir>', 'then write its success.csv, failed.csv and unprocessed.csv there (ingest jobs)');
  addConnectionOptions(wait).action(async (jobId: string, flags: JobsFlags) => {
    await act(kit, flags, (terminal) =>
      runJobsWait(
        jobId,
        { ...options(flags), resultsDir: flags.resultsDir, timeoutMinutes: flags.timeoutMinutes },
        terminal,
      ),
    );
  });

  addConnectionOptions(jobs.command('abort <jobId>').description('abort a job that has not finished')).action(
    async (jobId: string, flags: JobsFlags) => {
      await act(kit, flags, (terminal) => runJobsAbort(jobId, options(flags), terminal));
    },
  );

  const results = jobs
    .command('results <jobId>')
    .description('write the success.csv, failed.csv and unprocessed.csv of a finished ingest job')
    .option('--results-dir <dir>', 'where to write them (default: kinetic-results/<jobId>)');
  addConnectionOptions(results).action(async (jobId: string, flags: JobsFlags) => {
    await act(kit, flags, (terminal) =>
      runJobsResults(jobId, { ...options(flags), resultsDir: flags.resultsDir }, terminal),
    );
  });
}
