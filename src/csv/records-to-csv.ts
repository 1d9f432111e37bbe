import { resolveDelimiter, resolveLineEnding, type CsvFormatOptions } from './delimiters.js';
import type { InputRecord } from './flatten-record.js';
import { RowSerializer } from './row-serializer.js';

/** Options of `recordsToCsv` and `CsvJobWriter`. */
export interface CsvWriteOptions extends CsvFormatOptions {
  /**
   * Columns to put first, in this order (e.g. to keep one header across several jobs).
   * Keys of the records that are not listed are appended after them, in first-seen order.
   */
  readonly columns?: readonly string[] | undefined;
}

/**
 * Serialises records into one Salesforce ingest CSV. The header is the union of the keys of
 * ALL records, in first-seen order (a key first seen in the last record still gets a column);
 * a record without a key leaves that cell empty. Every row, the last one included, ends with
 * the line ending. Values follow `formatValue`; nested relationship objects become dotted
 * columns (`flattenRecord`).
 *
 * @example
 * recordsToCsv([{ Name: 'Acme' }, { Name: null, Phone: '555' }]);
 * // 'Name,Phone\nAcme,\n#N/A,555\n'
 *
 * @returns the CSV text; `''` when there are no records and no `columns`
 * @throws ValidationError for a value that cannot be written (see `formatValue`)
 */
export function recordsToCsv(records: Iterable<InputRecord>, options: CsvWriteOptions = {}): string {
  const delimiter = resolveDelimiter(options.columnDelimiter);
  const lineEnding = resolveLineEnding(options.lineEnding);
  const serializer = new RowSerializer(delimiter, options.columns);
  const lines: string[] = [];
  // widths[i] = column count of rows from starts[i] on; it changes only when a new column appears
  const starts: number[] = [];
  const widths: number[] = [];
  for (const record of records) {
    const row = serializer.prepare(record, lines.length);
    if (row.newColumns.length > 0 || starts.length === 0) {
      serializer.commit(row);
      starts.push(lines.length);
      widths.push(serializer.columns.length);
    }
    lines.push(row.text);
  }
  const total = serializer.columns.length;
  if (total === 0) return '';
  padShortRows(lines, starts, widths, total, delimiter);
  const header = serializer.header();
  return lines.length === 0 ? header + lineEnding : header + lineEnding + lines.join(lineEnding) + lineEnding;
}

/** Rows written before a column appeared get empty trailing fields for it. */
function padShortRows(lines: string[], starts: number[], widths: number[], total: number, delimiter: string): void {
  for (let segment = 0; segment < starts.length; segment++) {
    const width = widths[segment] ?? total;
    if (width >= total) break;
    const padding = delimiter.repeat(total - width);
    const end = starts[segment + 1] ?? lines.length;
    for (let i = starts[segment] ?? 0; i < end; i++) lines[i] += padding;
  }
}
