import { ApiError, BulkTimeoutError, JournalMismatchError, KineticError } from '../index.js';
import { EXIT } from './exit-codes.js';
import { InputFileError, OutputFileError } from './file-errors.js';
import { CsvInputError } from './load-input.js';
import type { Failure, JsonSummary } from './json-envelope.js';
import { scrub } from './scrub.js';
import { UsageError } from './usage-error.js';

/**
 * An error as the CLI prints it (and puts in the `--json` document): its family as `name`
 * (`UsageError`, `ApiError`, `BulkTimeoutError`, `Error`, ...), Salesforce's or the system's
 * `errorCode`, and a `hint` when there is something to say.
 */
export type ErrorReport = Failure;

/** Every error ends the command with exit code 2; this turns it into words, without secrets. */
export function reportError(error: unknown): ErrorReport {
  if (error instanceof UsageError)
    return { name: error.name, message: scrub(error.message), hint: 'see kinetic --help' };
  if (error instanceof BulkTimeoutError) {
    const id = error.jobId;
    const hint =
      error.lastJob?.kind === 'query'
        ? `the query job is still running on the server: kinetic jobs results ${id} --out <file> waits for it and writes its rows`
        : `the job is still running on the server: resume with kinetic jobs wait ${id}`;
    return { name: error.name, message: scrub(error.message), ...(id ? { hint } : {}) };
  }
  if (error instanceof JournalMismatchError)
    return {
      name: error.name,
      message: scrub(error.message),
      errorCode: 'JOURNAL_MISMATCH',
      hint: 'nothing was sent for it: restore the file the load was started with, or start a new load in another folder (--results-dir)',
    };
  if (error instanceof InputFileError || error instanceof OutputFileError)
    return { name: error.name, message: scrub(error.message), ...(error.code ? { errorCode: error.code } : {}) };
  if (error instanceof CsvInputError) return { name: error.name, message: scrub(error.message), errorCode: error.code };
  if (error instanceof ApiError) return { name: error.name, message: scrub(error.message), errorCode: error.errorCode };
  if (error instanceof KineticError) return { name: error.name, message: scrub(error.message) };
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return {
      name: error.name,
      message: scrub(error.message),
      ...(typeof code === 'string' ? { errorCode: code } : {}),
    };
  }
  return { name: 'Error', message: scrub(String(error)) };
}

/** Prints an error report and gives the exit code. */
export function failWith(
  report: ErrorReport,
  terminal: { error(message: string): void; json(summary: JsonSummary): void },
): number {
  terminal.error(
    `${report.name === 'Error' ? '' : `${report.name}: `}${report.message}${report.hint ? `\n  (${report.hint})` : ''}`,
  );
  terminal.json({ exitCode: EXIT.error, failure: report });
  return EXIT.error;
}
