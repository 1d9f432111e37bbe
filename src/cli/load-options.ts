import { InvalidArgumentError } from 'commander';
import type { ColumnDelimiter, LineEnding } from '../index.js';
import type { ConnectionOptions } from './connect.js';
import type { OutputMode } from './terminal.js';

/** What `kinetic insert|update|upsert|delete|hard-delete` was given. */
export interface LoadOptions extends ConnectionOptions, OutputMode {
  readonly file: string;
  readonly externalId?: string | undefined;
  readonly resultsDir?: string | undefined;
  /** `--resume <folder>`: continue the load whose journal is in that results folder. */
  readonly resume?: string | undefined;
  /** `--sf-results`: result files in Salesforce's own columns (`sf__Id`, `sf__Created`, `sf__Error`). */
  readonly sfResults: boolean;
  readonly delimiter?: ColumnDelimiter | undefined;
  readonly lineEnding?: LineEnding | undefined;
  /** The file's encoding (`--encoding`); default UTF-8. */
  readonly encoding?: string | undefined;
  /** Check every row of the file before the load (default; `--no-precheck` turns it off). */
  readonly precheck: boolean;
  /** `--no-wait`: close the jobs and exit; resume with `kinetic jobs wait`. */
  readonly wait: boolean;
  readonly timeoutMinutes?: number | undefined;
  readonly concurrency?: number | undefined;
  readonly maxRecordsPerJob?: number | undefined;
  readonly maxBytesPerJob?: number | undefined;
}

const DELIMITERS: Readonly<Record<string, ColumnDelimiter>> = {
  COMMA: 'COMMA',
  ',': 'COMMA',
  TAB: 'TAB',
  '\t': 'TAB',
  '\\t': 'TAB',
  PIPE: 'PIPE',
  '|': 'PIPE',
  SEMICOLON: 'SEMICOLON',
  ';': 'SEMICOLON',
  CARET: 'CARET',
  '^': 'CARET',
  BACKQUOTE: 'BACKQUOTE',
  '`': 'BACKQUOTE',
};

/** `--delimiter`: a Salesforce name (any case) or the character itself. */
export function parseDelimiter(text: string): ColumnDelimiter {
  const found = DELIMITERS[text.toUpperCase()] ?? DELIMITERS[text];
  if (!found) throw new InvalidArgumentError('expected COMMA, TAB, PIPE, SEMICOLON, CARET or BACKQUOTE');
  return found;
}

/** `--line-ending`: LF or CRLF (any case). */
export function parseLineEnding(text: string): LineEnding {
  const upper = text.toUpperCase();
  if (upper !== 'LF' && upper !== 'CRLF') throw new InvalidArgumentError('expected LF or CRLF');
  return upper;
}

/** A whole number of at least `min`, for counts given on the command line. */
export function integerAtLeast(min: number): (text: string) => number {
  return (text) => {
    const value = Number(text);
    if (!/^\s*\d+\s*$/.test(text) || !Number.isSafeInteger(value) || value < min)
      throw new InvalidArgumentError(`expected a whole number of at least ${min}`);
    return value;
  };
}

/** Zero or more (fractions allowed), for `--wait <minutes>`, where 0 means not to wait. */
export function nonNegativeNumber(text: string): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value < 0)
    throw new InvalidArgumentError('expected a number of minutes (0 or more)');
  return value;
}

/** A positive number (fractions allowed), for durations. */
export function positiveNumber(text: string): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value <= 0)
    throw new InvalidArgumentError('expected a positive number');
  return value;
}
