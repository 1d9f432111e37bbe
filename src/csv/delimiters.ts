import { ValidationError } from '../errors/validation-error.js';
import type { ColumnDelimiter, LineEnding } from '../models/job-state.js';

/** The character each `columnDelimiter` value stands for. */
export const DELIMITER_CHARACTERS: Readonly<Record<ColumnDelimiter, string>> = Object.freeze({
  BACKQUOTE: '`',
  CARET: '^',
  COMMA: ',',
  PIPE: '|',
  SEMICOLON: ';',
  TAB: '\t',
});

/** The characters each `lineEnding` value stands for. */
export const LINE_ENDING_CHARACTERS: Readonly<Record<LineEnding, string>> = Object.freeze({
  LF: '\n',
  CRLF: '\r\n',
});

/** The CSV dialect of a job: Salesforce's defaults are `COMMA` and `LF`. */
export interface CsvFormatOptions {
  readonly columnDelimiter?: ColumnDelimiter | undefined;
  readonly lineEnding?: LineEnding | undefined;
}

/** The delimiter character for `columnDelimiter` (default `,`); an unknown name is a `ValidationError`. */
export function resolveDelimiter(columnDelimiter: ColumnDelimiter | undefined): string {
  if (columnDelimiter === undefined) return ',';
  // `hasOwn` so that names such as `toString` from a JS caller are rejected too
  if (!Object.hasOwn(DELIMITER_CHARACTERS, columnDelimiter)) {
    throw new ValidationError(`Unknown columnDelimiter: ${String(columnDelimiter)}`, [
      { message: `expected one of ${Object.keys(DELIMITER_CHARACTERS).join(', ')}`, field: 'columnDelimiter' },
    ]);
  }
  return DELIMITER_CHARACTERS[columnDelimiter];
}

/** The line ending characters for `lineEnding` (default `\n`); an unknown name is a `ValidationError`. */
export function resolveLineEnding(lineEnding: LineEnding | undefined): string {
  if (lineEnding === undefined) return '\n';
  if (!Object.hasOwn(LINE_ENDING_CHARACTERS, lineEnding)) {
    throw new ValidationError(`Unknown lineEnding: ${String(lineEnding)}`, [
      { message: 'expected LF or CRLF', field: 'lineEnding' },
    ]);
  }
  return LINE_ENDING_CHARACTERS[lineEnding];
}
