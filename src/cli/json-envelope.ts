import { EXIT } from './exit-codes.js';

/** Why a command did not succeed: the `name` and `message` of the JSON, as sf words them. */
export interface Failure {
  readonly name: string;
  readonly message: string;
  /** Salesforce's error code or the system's (`ENOENT`), when there is one. */
  readonly errorCode?: string | undefined;
  /** What to do next. */
  readonly hint?: string | undefined;
}

/** Ctrl-C. */
export const INTERRUPTED: Failure = Object.freeze({ name: 'Interrupted', message: 'interrupted by Ctrl-C' });

/** What a command reports with `--json`. */
export interface JsonSummary {
  readonly exitCode: number;
  /** The command's result: counts, jobs, files. */
  readonly result?: Readonly<Record<string, unknown>>;
  /** Why it did not succeed; required in spirit for every exit code but 0 (a generic one is used otherwise). */
  readonly failure?: Failure;
  readonly warnings?: readonly string[];
}

/**
 * The JSON document of a command, in the Salesforce CLI's shape: `{ status: 0, result, warnings }`
 * on success; `{ status: 1, name, message, exitCode, result?, warnings }` otherwise, where
 * `exitCode` is the process's (1, 2, 3 or 130).
 */
export function jsonEnvelope(summary: JsonSummary): Record<string, unknown> {
  const warnings = summary.warnings ?? [];
  if (summary.exitCode === EXIT.ok) return { status: 0, result: summary.result ?? {}, warnings };
  const failure = summary.failure ?? genericFailure(summary.exitCode);
  return {
    status: 1,
    name: failure.name,
    message: failure.message,
    exitCode: summary.exitCode,
    ...(failure.errorCode !== undefined ? { errorCode: failure.errorCode } : {}),
    ...(failure.hint !== undefined ? { hint: failure.hint } : {}),
    ...(summary.result ? { result: summary.result } : {}),
    warnings,
  };
}

function genericFailure(exitCode: number): Failure {
  if (exitCode === EXIT.interrupted) return INTERRUPTED;
  if (exitCode === EXIT.rowsFailed)
    return { name: 'PartialFailure', message: 'some rows failed or went unprocessed, or a job did not complete' };
  return { name: 'Error', message: `the command failed (exit code ${exitCode})` };
}
