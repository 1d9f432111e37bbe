import { createQuoter } from '../csv/format-value.js';
import type { Sink } from './sink.js';

/** A row to write: the values of the fixed leading columns, then the record's own fields. */
export interface TableRow {
  readonly lead: readonly string[];
  readonly fields: Readonly<Record<string, string>>;
}

const quote = createQuoter(',');

/**
 * Writes rows as RFC 4180 CSV (comma, LF, quotes where needed) with flat memory: fixed leading
 * columns, then the record columns in the order of the first row (every row of a result file
 * echoes the same upload header, so the first row names them all). With no row at all, the
 * header holds the leading columns only.
 */
export class CsvTableWriter {
  private fieldColumns: readonly string[] | undefined;
  private rowCount = 0;

  constructor(
    private readonly sink: Sink,
    private readonly leading: readonly string[],
  ) {}

  /** Rows written so far. */
  get rows(): number {
    return this.rowCount;
  }

  get path(): string {
    return this.sink.name;
  }

  async write(rows: readonly TableRow[]): Promise<void> {
    const first = rows[0];
    if (!first) return;
    let text = '';
    if (this.fieldColumns === undefined) {
      this.fieldColumns = Object.keys(first.fields);
      text += this.header();
    }
    const columns = this.fieldColumns;
    for (const row of rows) {
      const cells = row.lead.map(quote);
      for (const column of columns) cells.push(quote(row.fields[column] ?? ''));
      text += `${cells.join(',')}\n`;
    }
    this.rowCount += rows.length;
    await this.sink.write(text);
  }

  /** Writes the header if no row came, then closes the file. */
  async end(): Promise<void> {
    if (this.fieldColumns === undefined) {
      this.fieldColumns = [];
      await this.sink.write(this.header());
    }
    await this.sink.end();
  }

  abandon(): Promise<void> {
    return this.sink.abandon();
  }

  private header(): string {
    return `${[...this.leading, ...(this.fieldColumns ?? [])].map(quote).join(',')}\n`;
  }
}
