import { DELIMITER_CHARACTERS, LINE_ENDING_CHARACTERS } from '../csv/delimiters.js';
import { createQuoter } from '../csv/format-value.js';
import type { ColumnDelimiter, LineEnding } from '../index.js';

/** Output formats of `kinetic query`. */
export type RecordFormat = 'csv' | 'json' | 'ndjson';

/** A query row: column name to the text Salesforce sent. */
export type Row = Readonly<Record<string, string>>;

/** Turns batches of rows into text, piece by piece, so an export of any size streams. */
export interface RecordEncoder {
  /** Text for a batch (the CSV header comes with the first one). */
  encode(rows: readonly Row[]): string;
  /** The closing text (the JSON `]`, or a CSV header when no row came). */
  end(): string;
}

/** The delimiter and line ending of CSV output. */
export interface CsvDialect {
  readonly delimiter: ColumnDelimiter;
  readonly lineEnding: LineEnding;
}

/** RFC 4180: comma and LF. */
export const RFC_4180: CsvDialect = Object.freeze({ delimiter: 'COMMA', lineEnding: 'LF' });

/**
 * CSV (comma and LF unless `dialect` says otherwise, quotes only where needed; columns from the
 * first row, or from `fallbackColumns` when there is none), a JSON array written element by
 * element, or newline-delimited JSON (one object per line).
 */
export function createEncoder(
  format: RecordFormat,
  fallbackColumns: readonly string[],
  dialect: CsvDialect = RFC_4180,
): RecordEncoder {
  switch (format) {
    case 'csv':
      return csvEncoder(fallbackColumns, dialect);
    case 'json':
      return jsonEncoder();
    case 'ndjson':
      return { encode: (rows) => rows.map((row) => `${JSON.stringify(row)}\n`).join(''), end: () => '' };
  }
}

function csvEncoder(fallbackColumns: readonly string[], dialect: CsvDialect): RecordEncoder {
  let columns: readonly string[] | undefined;
  const delimiter = DELIMITER_CHARACTERS[dialect.delimiter];
  const newline = LINE_ENDING_CHARACTERS[dialect.lineEnding];
  const quote = createQuoter(delimiter);
  const line = (cells: readonly string[]): string => `${cells.map(quote).join(delimiter)}${newline}`;
  return {
    encode: (rows) => {
      const first = rows[0];
      if (!first) return '';
      let text = '';
      if (columns === undefined) {
        columns = Object.keys(first);
        text += line(columns);
      }
      const known = columns;
      for (const row of rows) text += line(known.map((column) => row[column] ?? ''));
      return text;
    },
    end: () => (columns === undefined && fallbackColumns.length > 0 ? line(fallbackColumns) : ''),
  };
}

function jsonEncoder(): RecordEncoder {
  let started = false;
  return {
    encode: (rows) => {
      let text = '';
      for (const row of rows) {
        text += `${started ? ',' : '['}\n  ${JSON.stringify(row)}`;
        started = true;
      }
      return text;
    },
    end: () => (started ? '\n]\n' : '[]\n'),
  };
}

/**
 * The columns a SOQL query selects, for the header of an empty CSV export: the plain field list
 * between SELECT and FROM (`Id, Name, Owner.Name`). Anything fancier (functions, subqueries,
 * TYPEOF) gives no columns, and an empty result then gives an empty file.
 */
export function selectedColumns(soql: string): string[] {
  const match = /^\s*select\s+([\s\S]+?)\s+from\s/i.exec(soql);
  const list = match?.[1];
  if (!list || /[()]/.test(list) || /\btypeof\b/i.test(list)) return [];
  const columns = list.split(',').map((c) => c.trim());
  return columns.every((c) => /^[A-Za-z_][\w.]*$/.test(c)) ? columns : [];
}
