import { join } from 'node:path';
import { concatMap, from, fromEvent, lastValueFrom, takeUntil, takeWhile, tap } from 'rxjs';
import type { BulkJob, SalesforceClient } from '../index.js';
import { connect } from './connect.js';
import { EXIT } from './exit-codes.js';
import { count, plural } from './format.js';
import { Interrupt } from './interrupt.js';
import { createJobProgress, jobCounts } from './job-progress.js';
import { jobJson } from './job-json.js';
import { trustedJobId } from './job-id.js';
import { INTERRUPTED, type Failure } from './json-envelope.js';
import { RFC_4180 } from './record-encoder.js';
import { ResultFiles, type ResultCounts } from './result-files.js';
import { writeQueryJobRows, type QueryJobOutput } from './run-query-job-results.js';
import type { JobsOptions } from './run-jobs.js';
import type { Terminal } from './terminal.js';
import { UsageError } from './usage-error.js';

/** `jobs wait` and `jobs results` options. */
export interface JobResultsOptions extends JobsOptions {
  readonly resultsDir?: string | undefined;
  /** Result files in Salesforce's own columns. */
  readonly sfResults?: boolean | undefined;
  readonly timeoutMinutes?: number | undefined;
  /** Query jobs (`jobs results`): where and how their rows are written; undefined: stdout as CSV. */
  readonly query?: Partial<QueryJobOutput> | undefined;
}

/** A job ended well: complete, and (ingest) no failed row. */
const succeeded = (job: BulkJob): boolean => job.state === 'JobComplete' && job.numberRecordsFailed === 0;

/** The `failure` of a job that did not end well (none when it did), for `--json`. */
function jobFailure(job: BulkJob, counts?: ResultCounts): { failure?: Failure } {
  const failed = counts?.failed ?? job.numberRecordsFailed;
  const unprocessed = counts?.unprocessed ?? 0;
  if (job.state === 'JobComplete' && failed === 0 && unprocessed === 0) return {};
  const parts = [
    ...(job.state === 'JobComplete' ? [] : [`job ${job.id} ended ${job.state}`]),
    ...(failed > 0 ? [`${plural(failed, 'row')} failed`] : []),
    ...(unprocessed > 0 ? [`${plural(unprocessed, 'row')} went unprocessed`] : []),
  ];
  return { failure: { name: 'PartialFailure', message: parts.join(', ') } };
}

/**
 * `kinetic jobs wait <id> [--results-dir DIR]`: polls an existing job until it ends, with
 * progress; Ctrl-C only stops watching (the job was not started here, so it is left running).
 * With `--results-dir`, the result files are opened before the wait, so a folder that cannot be
 * written is an error at once, not once the job has ended.
 */
export async function runJobsWait(jobId: string, options: JobResultsOptions, terminal: Terminal): Promise<number> {
  const connection = await connect(options, terminal);
  const progress = createJobProgress(terminal);
  const interrupt = new Interrupt(terminal.io, () =>
    progress.note('Ctrl-C: stopped waiting (the job keeps running on the server)'),
  );
  let files: ResultFiles | undefined;
  try {
    if (options.resultsDir !== undefined) {
      const first = await lastValueFrom(connection.client.bulk.getJob(jobId));
      trustedJobId(first, jobId);
      if (first.kind === 'ingest') files = await openResultFiles(first, options, options.resultsDir);
    }
    let job: BulkJob | undefined;
    const snapshots = connection.client.bulk
      .waitForJob(jobId, options.timeoutMinutes !== undefined ? { timeoutMinutes: options.timeoutMinutes } : {})
      .pipe(
        // the terminal snapshot is all this command needs: the result files are fetched (or not) below
        takeWhile((event) => event.type === 'job' && !event.job.isComplete(), true),
        takeUntil(fromEvent(interrupt.signal, 'abort')),
        tap((event) => {
          if (event.type !== 'job') return;
          job = event.job;
          progress.update(event.job);
        }),
      );
    await lastValueFrom(snapshots, { defaultValue: undefined });
    progress.stop();
    if (interrupt.fired || !job?.isComplete()) {
      terminal.note(`job ${jobId} is still ${job?.state ?? 'running'} on the server`);
      terminal.json({
        exitCode: EXIT.interrupted,
        failure: INTERRUPTED,
        result: { command: 'jobs wait', interrupted: true, job: job ? jobJson(job) : null },
      });
      return EXIT.interrupted;
    }
    terminal.print(`job ${job.id} ${job.state}: ${jobCounts(job)}${job.errorMessage ? ` (${job.errorMessage})` : ''}`);
    const exitCode = succeeded(job) ? EXIT.ok : EXIT.rowsFailed;
    if (files) {
      const written = await writeJobResults(connection.client, job, files, interrupt, terminal);
      files = undefined;
      if (!written) return EXIT.interrupted;
      terminal.json({
        exitCode,
        ...jobFailure(job, written.counts),
        result: { command: 'jobs wait', job: jobJson(job), ...written.counts, files: written.paths },
      });
      return exitCode;
    }
    terminal.json({ exitCode, ...jobFailure(job), result: { command: 'jobs wait', job: jobJson(job) } });
    return exitCode;
  } finally {
    progress.stop();
    interrupt.dispose();
    // files still open here were never written: the wait failed or was interrupted
    await files?.abandon();
    await connection.close();
  }
}

/**
 * `kinetic jobs results <id> [--results-dir DIR]`: the three result files of a finished ingest
 * job; for a query job, its rows (`--out F`, `--format`), as `kinetic query` writes them.
 */
export async function runJobsResults(jobId: string, options: JobResultsOptions, terminal: Terminal): Promise<number> {
  const connection = await connect(options, terminal);
  const interrupt = new Interrupt(terminal.io, () => terminal.note('Ctrl-C: stopped writing the result files'));
  try {
    const job = await lastValueFrom(connection.client.bulk.getJob(jobId));
    // the id goes into the default folder name: it must be the Salesforce id of the job asked for
    const id = trustedJobId(job, jobId);
    if (job.kind === 'query') {
      if (options.resultsDir !== undefined || options.sfResults === true)
        throw new UsageError(
          `job ${id} is a query job: write its rows with --out <file> (--results-dir and --sf-results are for ingest jobs)`,
        );
      const output: QueryJobOutput = {
        out: options.query?.out ?? '-',
        format: options.query?.format ?? 'csv',
        csv: options.query?.csv ?? RFC_4180,
      };
      return await writeQueryJobRows(connection.client, job, output, interrupt, terminal);
    }
    if (options.query !== undefined)
      throw new UsageError(
        `job ${id} is an ingest job: --out, --format, --column-delimiter and --line-ending are for query jobs (its files go to --results-dir)`,
      );
    if (!job.isComplete())
      throw new UsageError(`job ${id} is ${job.state}: wait for it first (kinetic jobs wait ${id})`);
    const files = await openResultFiles(job, options, options.resultsDir ?? join('kinetic-results', id));
    const written = await writeJobResults(connection.client, job, files, interrupt, terminal);
    if (!written) return EXIT.interrupted;
    const { failed, unprocessed } = written.counts;
    const exitCode = failed === 0 && unprocessed === 0 && job.state === 'JobComplete' ? EXIT.ok : EXIT.rowsFailed;
    terminal.json({
      exitCode,
      ...jobFailure(job, written.counts),
      result: { command: 'jobs results', job: jobJson(job), ...written.counts, files: written.paths },
    });
    return exitCode;
  } finally {
    interrupt.dispose();
    await connection.close();
  }
}

/** The result files of a job, in the layout the options ask for. */
function openResultFiles(job: BulkJob, options: JobResultsOptions, dir: string): Promise<ResultFiles> {
  return ResultFiles.open(dir, {
    inputRow: false,
    style: options.sfResults === true ? 'salesforce' : 'kinetic',
    dialect: { delimiter: job.columnDelimiter ?? 'COMMA', lineEnding: job.lineEnding ?? 'LF' },
    namedByUser: options.resultsDir !== undefined,
  });
}

/** Streams the job's three result files to disk and prints where they are; undefined after Ctrl-C. */
async function writeJobResults(
  client: SalesforceClient,
  job: BulkJob,
  files: ResultFiles,
  interrupt: Interrupt,
  terminal: Terminal,
): Promise<ResultFiles | undefined> {
  const rows = client.bulk.jobResults(job.id).pipe(
    takeUntil(fromEvent(interrupt.signal, 'abort')),
    concatMap((batch) => from(files.write(batch))),
  );
  try {
    await lastValueFrom(rows, { defaultValue: undefined });
    if (interrupt.fired) {
      await files.abandon();
      terminal.json({
        exitCode: EXIT.interrupted,
        failure: INTERRUPTED,
        result: { command: 'jobs results', interrupted: true },
      });
      return undefined;
    }
    await files.close();
  } catch (error: unknown) {
    await files.abandon();
    throw error;
  }
  const { counts, paths } = files;
  terminal.print(`results of job ${job.id} (${job.state}):`);
  terminal.print(`  success      ${count(counts.success).padStart(9)}  ${paths.success}`);
  terminal.print(`  failed       ${count(counts.failed).padStart(9)}  ${paths.failed}`);
  terminal.print(`  unprocessed  ${count(counts.unprocessed).padStart(9)}  ${paths.unprocessed}`);
  return files;
}
