import { DELIMITER_CHARACTERS, LINE_ENDING_CHARACTERS } from '../csv/delimiters.js';
import { createQuoter } from '../csv/format-value.js';
import { RFC_4180, type CsvDialect } from './record-encoder.js';
import type { Sink } from './sink.js';

/** A row to write: the values of the fixed leading columns, then the record's own fields. */
export interface TableRow {
  readonly lead: readonly string[];
  readonly fields: Readonly<Record<string, string>>;
}

/** How the table is written. */
export interface TableFormat {
  readonly dialect: CsvDialect;
  /**
   * Quote every value and the leading column names, as Salesforce writes its result files
   * (`"sf__Id","sf__Created",Name` then `"001...","true","Acme"`); otherwise quote only where needed.
   */
  readonly quoteAll: boolean;
}

const AS_NEEDED: TableFormat = Object.freeze({ dialect: RFC_4180, quoteAll: false });

const quoteAlways = (text: string): string => `"${text.replaceAll('"', '""')}"`;

/**
 * Writes rows as CSV with flat memory: fixed leading columns, then the record columns in the
 * order of the first row (every row of a result file echoes the same upload header, so the first
 * row names them all). With no row at all, the header holds the leading columns only (and a
 * table without any column is an empty file).
 */
export class CsvTableWriter {
  private fieldColumns: readonly string[] | undefined;
  private rowCount = 0;
  private readonly delimiter: string;
  private readonly newline: string;
  private readonly quoteNeeded: (text: string) => string;
  private readonly quoteValue: (text: string) => string;

  constructor(
    private readonly sink: Sink,
    private readonly leading: readonly string[],
    private readonly format: TableFormat = AS_NEEDED,
  ) {
    this.delimiter = DELIMITER_CHARACTERS[format.dialect.delimiter];
    this.newline = LINE_ENDING_CHARACTERS[format.dialect.lineEnding];
    this.quoteNeeded = createQuoter(this.delimiter);
    this.quoteValue = format.quoteAll ? quoteAlways : this.quoteNeeded;
  }

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
    const quote = this.quoteValue;
    for (const row of rows) {
      const cells = row.lead.map(quote);
      for (const column of columns) cells.push(quote(row.fields[column] ?? ''));
      text += `${cells.join(this.delimiter)}${this.newline}`;
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
    const lead = this.leading.map(this.format.quoteAll ? quoteAlways : this.quoteNeeded);
    const cells = [...lead, ...(this.fieldColumns ?? []).map(this.quoteNeeded)];
    return cells.length === 0 ? '' : `${cells.join(this.delimiter)}${this.newline}`;
  }
}
