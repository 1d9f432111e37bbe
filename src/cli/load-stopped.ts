import type { BulkJob, LoadInterruptedError } from '../index.js';
import { reportError } from './error-report.js';
import { EXIT } from './exit-codes.js';
import { count, duration, plural } from './format.js';
import { jobJson } from './job-json.js';
import { jobCounts } from './job-progress.js';
import { INTERRUPTED } from './json-envelope.js';
import { plainText } from './plain-text.js';
import type { ResultFiles } from './result-files.js';
import type { Terminal } from './terminal.js';

/** What a load that stopped midway reports. */
export interface StoppedReport {
  readonly operation: string;
  readonly object: string;
  readonly file: string;
  readonly error: LoadInterruptedError;
  /** The result files of the finished jobs, when they were written. */
  readonly files: ResultFiles | undefined;
  readonly dir: string;
  /** The command that finishes the load. */
  readonly resume: string;
  readonly elapsedMs: number;
}

/**
 * A load stopped midway (`LoadInterruptedError`: a bad row found late, an input that failed to
 * read, a journal that could not be written): why, every job with its state and counts, the
 * result files of the finished jobs, and the one command that finishes the load. Exit code 4.
 */
export function printLoadStopped(terminal: Terminal, report: StoppedReport): number {
  const { error, files } = report;
  const result = error.result;
  const cause = reportError(error.cause ?? error);
  terminal.error(`${cause.name}: ${cause.message}`);
  terminal.print(
    `${plainText(`${report.operation} ${report.object}`)}: stopped after ${plural(error.rowsRead, 'row')} of ${plainText(report.file)} were read, in ${plural(error.jobs.length, 'job')}, ${duration(report.elapsedMs)}`,
  );
  printFiles(
    terminal,
    { success: result.successCount, failed: result.failedCount, unprocessed: result.unprocessedCount },
    files,
    report.dir,
  );
  for (const job of error.jobs) terminal.print(plainText(`  job ${job.id} ${job.state}: ${jobCounts(job)}`));
  terminal.print(
    `the rows after row ${count(error.rowsRead)} were not sent; fix the cause, then finish the load with:`,
  );
  terminal.print(`  ${plainText(report.resume)}`);
  terminal.json({
    exitCode: EXIT.loadStopped,
    failure: {
      name: error.name,
      message: `${cause.name}: ${cause.message}`,
      ...(cause.errorCode !== undefined ? { errorCode: cause.errorCode } : {}),
      hint: `finish the load with: ${report.resume}`,
    },
    result: {
      command: report.operation,
      object: report.object,
      file: report.file,
      stopped: true,
      rowsRead: error.rowsRead,
      success: result.successCount,
      failed: result.failedCount,
      unprocessed: result.unprocessedCount,
      jobs: error.jobs.map((job) => jobJson(job)),
      ...(files ? { files: files.paths } : {}),
      resultsDir: report.dir,
      resume: report.resume,
      elapsedMs: report.elapsedMs,
    },
  });
  return EXIT.loadStopped;
}

/** What a load stopped by Ctrl-C reports. */
export interface InterruptedReport {
  readonly operation: string;
  readonly object: string;
  /** Every job of the load, latest snapshot (the server's, read back after the abort). */
  readonly jobs: readonly BulkJob[];
  /** The jobs this command aborted. */
  readonly abortedNow: ReadonlySet<string>;
  /** The result files of the finished jobs, when written. */
  readonly files: ResultFiles | undefined;
  readonly dir: string;
  /** The command that finishes the load; undefined when no job was started. */
  readonly resume: string | undefined;
}

/**
 * After Ctrl-C: which jobs were aborted on the server, every job with the counts the server gave
 * once it stopped, the result files of what was processed, and the command that finishes the load.
 */
export function printInterrupted(terminal: Terminal, report: InterruptedReport): number {
  const { jobs, files } = report;
  for (const job of jobs) {
    const counts = jobCounts(job);
    terminal.note(
      plainText(
        report.abortedNow.has(job.id)
          ? `aborted job ${job.id} on the server (${counts})`
          : job.isComplete()
            ? `job ${job.id} had ended ${job.state} (${counts})`
            : `job ${job.id} may still be ${job.state} on the server (${counts}): check it with kinetic jobs get ${job.id}`,
      ),
    );
  }
  if (jobs.length === 0)
    terminal.note('interrupted before any job was created (a job being created is aborted as soon as it exists)');
  if (files) {
    const written = files.counts;
    terminal.note(
      `what the jobs did is in ${report.dir}: success ${count(written.success)}, failed ${count(written.failed)}, unprocessed ${count(written.unprocessed)}`,
    );
  }
  if (report.resume) terminal.note(`finish the load with: ${plainText(report.resume)}`);
  terminal.json({
    exitCode: EXIT.interrupted,
    failure: { ...INTERRUPTED, ...(report.resume ? { hint: `finish the load with: ${report.resume}` } : {}) },
    result: {
      command: report.operation,
      object: report.object,
      interrupted: true,
      abortedJobs: jobs.filter((job) => report.abortedNow.has(job.id)).map((job) => job.id),
      jobs: jobs.map((job) => jobJson(job)),
      ...(files ? { ...files.counts, files: files.paths } : {}),
      resultsDir: report.dir,
      ...(report.resume ? { resume: report.resume } : {}),
    },
  });
  return EXIT.interrupted;
}

/** The three counts with their files (or that the files could not be written). */
function printFiles(
  terminal: Terminal,
  counts: { readonly success: number; readonly failed: number; readonly unprocessed: number },
  files: ResultFiles | undefined,
  dir: string,
): void {
  const width = Math.max(...[counts.success, counts.failed, counts.unprocessed].map((n) => count(n).length));
  const paths = files?.paths;
  const line = (label: string, n: number, path: string | undefined): string =>
    `  ${label.padEnd(13)}${count(n).padStart(width)}${path ? `  ${path}` : ''}`;
  terminal.print(line('success', counts.success, paths?.success));
  terminal.print(line('failed', counts.failed, paths?.failed));
  terminal.print(line('unprocessed', counts.unprocessed, paths?.unprocessed));
  if (!files) terminal.print(`  (the result files could not be written in ${dir}; the resume writes them)`);
}
