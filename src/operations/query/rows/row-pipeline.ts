import type { CsvRow } from '../../../csv/csv-push-parser.js';
import { RowValidationError, type RowIssue } from '../../../errors/row-validation-error.js';
import { checkCallerSchema } from '../../../schemas/check-schema.js';
import { nestColumns } from './nest-columns.js';
import { coerceRow, planRow, type QuerySchema, type RowPlan } from './typed-rows.js';

/** A result row that failed the schema. */
export interface InvalidRow {
  /** 1-based number of the row in the result, in delivery order. */
  readonly rowNumber: number;
  /** 0-based index of its page. */
  readonly page: number;
  /** The row as parsed from the CSV (strings). */
  readonly row: CsvRow;
  /** What the schema found wrong with the row, field by field. */
  readonly issues: readonly RowIssue[];
}

/** What happens to each parsed row. */
export interface RowPipelineSettings {
  readonly nest: boolean;
  readonly schema: QuerySchema | undefined;
  readonly invalidRows: 'fail' | 'skip';
  readonly onInvalidRow: ((invalid: InvalidRow) => void) | undefined;
}

/**
 * Turns parsed CSV rows into what the caller asked for: as they are, nested
 * (`Owner.Name` -> `Owner: { Name }`), and/or coerced and validated by a zod schema.
 * An invalid row is reported to `onInvalidRow`, then fails the read (`'fail'`) or is
 * dropped (`'skip'`). Rows are numbered across pages in the order they are delivered.
 */
export class RowPipeline<T> {
  private readonly plan: RowPlan | undefined;
  private rowNumber = 0;
  private skippedRows = 0;

  constructor(private readonly settings: RowPipelineSettings) {
    this.plan = settings.schema ? planRow(settings.schema) : undefined;
  }

  /** Rows dropped so far by `invalidRows: 'skip'`. */
  get skipped(): number {
    return this.skippedRows;
  }

  map(rows: CsvRow[], page: number): T[] {
    const { nest, schema } = this.settings;
    if (!nest && schema === undefined) {
      this.rowNumber += rows.length;
      return rows as unknown as T[];
    }
    const out: T[] = [];
    for (const row of rows) {
      this.rowNumber += 1;
      const shaped: Readonly<Record<string, unknown>> = nest ? nestColumns(row) : row;
      if (schema === undefined || this.plan === undefined) {
        out.push(shaped as T);
        continue;
      }
      const result = checkCallerSchema(schema, coerceRow(shaped, this.plan));
      if (result.success) out.push(result.data as T);
      else this.invalid(row, page, result.error.issues);
    }
    return out;
  }

  private invalid(
    row: CsvRow,
    page: number,
    zodIssues: readonly { path: PropertyKey[]; message: string; code: string }[],
  ): void {
    const issues: RowIssue[] = zodIssues.map((issue) => ({
      path: issue.path,
      message: issue.message,
      code: issue.code,
    }));
    const invalid: InvalidRow = { rowNumber: this.rowNumber, page, row, issues };
    this.settings.onInvalidRow?.(invalid);
    if (this.settings.invalidRows === 'fail')
      throw new RowValidationError({ rowNumber: this.rowNumber, page, issues, raw: row });
    this.skippedRows += 1;
  }
}
