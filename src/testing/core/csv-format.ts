/** The six `columnDelimiter` values and their characters. */
export const COLUMN_DELIMITERS = {
  BACKQUOTE: '`',
  CARET: '^',
  COMMA: ',',
  PIPE: '|',
  SEMICOLON: ';',
  TAB: '\t',
} as const;

/** A `columnDelimiter` enum value. */
export type ColumnDelimiterName = keyof typeof COLUMN_DELIMITERS;

/** The two `lineEnding` values and their characters. */
export const LINE_ENDINGS = { LF: '\n', CRLF: '\r\n' } as const;

/** A `lineEnding` enum value. */
export type LineEndingName = keyof typeof LINE_ENDINGS;

/** True when `value` is one of the `columnDelimiter` names. */
export function isColumnDelimiter(value: unknown): value is ColumnDelimiterName {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(COLUMN_DELIMITERS, value);
}

/** True when `value` is `LF` or `CRLF`. */
export function isLineEnding(value: unknown): value is LineEndingName {
  return value === 'LF' || value === 'CRLF';
}

/** Salesforce result files quote every value, doubling embedded quotes. */
export function quoteCsv(value: string): string {
  return `"${value.replace(/"/g, '""')}"`;
}

/** Joins already-encoded cells into one line, line ending included. */
export function csvLine(cells: readonly string[], delimiter: ColumnDelimiterName, lineEnding: LineEndingName): string {
  return cells.join(COLUMN_DELIMITERS[delimiter]) + LINE_ENDINGS[lineEnding];
}
