import type { BulkJob, BulkResult } from '../index.js';
import { reportError } from './error-report.js';
import { EXIT } from './exit-codes.js';
import { count, duration, plural } from './format.js';
import { jobJson } from './job-json.js';
import { jobCounts } from './job-progress.js';
import type { Failure } from './json-envelope.js';
import { plainText } from './plain-text.js';
import type { ResultFiles } from './result-files.js';
import type { Terminal } from './terminal.js';

/** What a finished load reports. */
export interface LoadReport {
  readonly operation: string;
  readonly object: string;
  readonly file: string;
  readonly result: BulkResult;
  readonly files: ResultFiles;
  /** The load's journal (kept: `--resume` on a finished load writes its result files again). */
  readonly journal: string;
  readonly elapsedMs: number;
}

/** The most frequent row error codes, most frequent first. */
function topErrors(result: BulkResult, limit: number): { code: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const row of result.failedRecords) counts.set(row.error.statusCode, (counts.get(row.error.statusCode) ?? 0) + 1);
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(([code, n]) => ({ code, count: n }));
}

/** Prints the summary of a load that ran to the end; 0 when every row succeeded, 1 otherwise. */
export function printLoadSummary(terminal: Terminal, report: LoadReport): number {
  const { result, files } = report;
  const s = terminal.style;
  // a job Aborted by an earlier run of a resumed load is fine: its other rows went to a later job
  const allGood = result.failedCount === 0 && result.unprocessedCount === 0 && result.jobErrors.length === 0;
  const exitCode = allGood ? EXIT.ok : EXIT.rowsFailed;
  const paths = files.paths;
  const width = Math.max(
    ...[result.successCount, result.failedCount, result.unprocessedCount].map((n) => count(n).length),
  );
  const line = (label: string, n: number, path: string, paint: (t: string) => string): string =>
    `  ${label.padEnd(13)}${paint(count(n).padStart(width))}  ${path}`;
  terminal.print(
    `${s.bold(plainText(`${report.operation} ${report.object}`))}: ${plural(result.totalRecords, 'row')} in ${plural(result.jobs.length, 'job')}, ${duration(report.elapsedMs)}`,
  );
  terminal.print(line('success', result.successCount, paths.success, s.green));
  terminal.print(line('failed', result.failedCount, paths.failed, result.failedCount > 0 ? s.red : (t) => t));
  terminal.print(
    line('unprocessed', result.unprocessedCount, paths.unprocessed, result.unprocessedCount > 0 ? s.yellow : (t) => t),
  );
  // server text: plain before it joins a line that may carry colours
  for (const job of result.jobs)
    terminal.print(
      plainText(`  job ${job.id} ${job.state}: ${jobCounts(job)}${job.errorMessage ? ` (${job.errorMessage})` : ''}`),
    );
  const errors = topErrors(result, 3);
  if (errors.length > 0)
    terminal.print(
      plainText(`  most frequent errors: ${errors.map((e) => `${e.code} (${count(e.count)})`).join(', ')}`),
    );
  terminal.json({
    exitCode,
    ...(allGood ? {} : { failure: loadFailure(result) }),
    result: {
      command: report.operation,
      object: report.object,
      file: report.file,
      success: result.successCount,
      failed: result.failedCount,
      unprocessed: result.unprocessedCount,
      total: result.totalRecords,
      jobs: result.jobs.map((job) => jobJson(job)),
      jobErrors: result.jobErrors.map((e) => ({ code: e.statusCode, message: e.message })),
      errors,
      files: paths,
      journal: report.journal,
      elapsedMs: report.elapsedMs,
    },
  });
  return exitCode;
}

/** Why a load exits 1, in a few words. */
function loadFailure(result: BulkResult): Failure {
  const notComplete = result.jobs.filter((job) => job.state === 'Failed');
  const parts = [
    ...(result.failedCount > 0 ? [`${plural(result.failedCount, 'row')} failed`] : []),
    ...(result.unprocessedCount > 0 ? [`${plural(result.unprocessedCount, 'row')} went unprocessed`] : []),
    ...notComplete.map((job) => `job ${job.id} ended ${job.state}`),
    ...result.jobErrors.filter((e) => e.statusCode === 'RESULTS_INCOMPLETE').map((e) => e.message),
  ];
  return { name: 'PartialFailure', message: `${parts.join(', ')} (of ${plural(result.totalRecords, 'row')})` };
}

/** `--no-wait`: the jobs are closed and left to run. */
export function printNoWaitSummary(
  terminal: Terminal,
  operation: string,
  object: string,
  jobs: readonly BulkJob[],
  resume: string,
): number {
  terminal.print(
    `${operation} ${object}: ${plural(jobs.length, 'job')} uploaded and closed; Salesforce processes ${jobs.length === 1 ? 'it' : 'them'} in the background`,
  );
  for (const job of jobs)
    terminal.print(
      `  job ${job.id} ${job.state}: follow it with kinetic jobs wait ${job.id}, then kinetic jobs results ${job.id}`,
    );
  terminal.print(`or wait for the whole load and write its result files with: ${plainText(resume)}`);
  terminal.json({
    exitCode: EXIT.ok,
    result: { command: operation, object, waited: false, jobs: jobs.map((job) => jobJson(job)), resume },
  });
  return EXIT.ok;
}

/** What a load whose result files could not be written reports. */
export interface UnwrittenReport {
  readonly operation: string;
  readonly object: string;
  readonly file: string;
  readonly result: BulkResult;
  readonly dir: string;
  /** The command that writes every result file of the load again (from its journal). */
  readonly resume: string;
  readonly elapsedMs: number;
}

/**
 * The jobs ran but their result files could not be written (a full disk, a folder removed
 * meanwhile, a download that failed): the error, the counts, and for each job the command that
 * fetches its results again. Exit code 3.
 */
export function printResultsNotWritten(terminal: Terminal, report: UnwrittenReport, error: unknown): number {
  const { result } = report;
  const cause = reportError(error);
  const fetch = result.jobs.map((job) => `kinetic jobs results ${job.id}`);
  terminal.error(`${cause.name}: ${cause.message}`);
  terminal.print(
    `${report.operation} ${report.object}: ${plural(result.totalRecords, 'row')} in ${plural(result.jobs.length, 'job')}, ${duration(report.elapsedMs)}; the result files could not be written in ${report.dir}`,
  );
  terminal.print(
    `  success ${count(result.successCount)}, failed ${count(result.failedCount)}, unprocessed ${count(result.unprocessedCount)}`,
  );
  for (const job of result.jobs)
    terminal.print(
      plainText(`  job ${job.id} ${job.state}: ${jobCounts(job)}; its results: kinetic jobs results ${job.id}`),
    );
  terminal.print(
    `  or all of them, tied to the file's rows, once the folder can be written: ${plainText(report.resume)}`,
  );
  terminal.json({
    exitCode: EXIT.resultsNotWritten,
    failure: {
      ...cause,
      hint: `the jobs ran: write every result file again with ${report.resume}, or fetch each job's with the commands in result.fetchResults`,
    },
    result: {
      command: report.operation,
      object: report.object,
      file: report.file,
      success: result.successCount,
      failed: result.failedCount,
      unprocessed: result.unprocessedCount,
      total: result.totalRecords,
      jobs: result.jobs.map((job) => jobJson(job)),
      fetchResults: fetch,
      resume: report.resume,
      elapsedMs: report.elapsedMs,
    },
  });
  return EXIT.resultsNotWritten;
}
