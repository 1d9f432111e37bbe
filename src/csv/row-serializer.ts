import { ValidationError } from '../errors/validation-error.js';
import { duplicateColumn, forEachField, type InputRecord } from './flatten-record.js';
import { createQuoter, formatValue } from './format-value.js';
import { unstorableText } from './storable-text.js';

/** One record serialised against the columns known when it was prepared. @internal */
export interface PreparedRow {
  /** The row without its line ending. */
  readonly text: string;
  /** Columns this record brings that were not known yet, in first-seen order. */
  readonly newColumns: readonly string[];
  /** Each value as written but unquoted, by column position (what Salesforce will echo back). */
  readonly raw: readonly (string | undefined)[];
}

/**
 * Keeps the ordered union of columns and turns records into row texts. New columns are
 * appended at the end, so rows written earlier stay valid once padded with empty fields.
 * @internal
 */
export class RowSerializer {
  private readonly names: string[] = [];
  private readonly positions = new Map<string, number>();
  private readonly quote: (text: string) => string;

  constructor(
    readonly delimiter: string,
    initialColumns: readonly string[] = [],
  ) {
    this.quote = createQuoter(delimiter);
    for (const column of initialColumns) {
      if (this.positions.has(column)) {
        throw new ValidationError(`Column "${column}" is listed twice in columns`, [
          { message: 'duplicate column', field: column },
        ]);
      }
      this.add(column);
    }
  }

  /** The columns so far (live view: do not keep it across commits). */
  get columns(): readonly string[] {
    return this.names;
  }

  /** The header row of `columns` (or of `columns` plus `extra`), without line ending. */
  header(extra: readonly string[] = []): string {
    const all = extra.length === 0 ? this.names : [...this.names, ...extra];
    return nonEmptyRow(all.map(this.quote).join(this.delimiter), all.length);
  }

  /** Serialises a record without changing the column list; throws `ValidationError` on a bad value. */
  prepare(record: InputRecord, index: number): PreparedRow {
    const known = this.names.length;
    const values: (string | undefined)[] = new Array<string | undefined>(known);
    const raw: (string | undefined)[] = new Array<string | undefined>(known);
    let newColumns: string[] | undefined;
    let fields = 0;
    forEachField(record, index, (column, value) => {
      fields++;
      let position = this.positions.get(column);
      if (position === undefined) {
        newColumns ??= [];
        // a column new to the writer may still repeat within the record ('A.X' and A: { X })
        const repeat = newColumns.indexOf(column);
        position = known + (repeat < 0 ? newColumns.push(column) - 1 : repeat);
      }
      if (values[position] !== undefined) throw duplicateColumn(column, index);
      // only strings can contain a delimiter, quote or line break
      const text = typeof value === 'string' ? storable(value, column, index) : formatValue(value, column, index);
      raw[position] = text;
      values[position] = typeof value === 'string' ? this.quote(text) : text;
    });
    // rejected whatever the other records hold, so that the outcome never depends on record order
    if (fields === 0)
      throw new ValidationError(`Record ${index} has no fields`, [{ message: 'record has no fields', index }]);
    const added: readonly string[] = newColumns ?? [];
    const width = known + added.length;
    // a hole joins as an empty field: absent keys leave the Salesforce value unchanged
    values.length = width;
    return { text: nonEmptyRow(values.join(this.delimiter), width), newColumns: added, raw };
  }

  /** Adopts the new columns of a row prepared against the current column list. */
  commit(row: PreparedRow): void {
    for (const column of row.newColumns) this.add(column);
  }

  private add(column: string): void {
    this.positions.set(column, this.names.length);
    this.names.push(column);
  }
}

/** A one-column row holding an empty value is written `""`, so it is never a blank line. */
function nonEmptyRow(text: string, width: number): string {
  return text === '' && width === 1 ? '""' : text;
}

/** The string itself, or a `ValidationError` naming the record and field when Salesforce could not store it. */
function storable(text: string, column: string, index: number): string {
  const problem = unstorableText(text);
  if (problem === undefined) return text;
  // the value itself is left out: it may be personal data
  const message = `Field "${column}" of record ${index} ${problem}`;
  throw new ValidationError(message, [{ message, field: column, index }]);
}
