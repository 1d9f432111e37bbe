import { ResponseValidationError, type ResponseIssue } from './response-validation-error.js';

/** One problem zod found in a result row. */
export interface RowIssue extends ResponseIssue {
  /** zod's issue code, e.g. `invalid_type`. */
  readonly code: string;
}

/**
 * Raised by a typed query (`schema` option, `invalidRows: 'fail'`, the default) when a
 * result row does not match the schema after coercion. A `ResponseValidationError`, so
 * existing handlers catch it; it names the row (1-based across the whole result, in the
 * order rows were delivered) and its page, and carries zod's issues and the raw row.
 */
export class RowValidationError extends ResponseValidationError {
  override readonly name: string = 'RowValidationError';
  /** 1-based number of the row in the result (header rows not counted). */
  readonly rowNumber: number;
  /** 0-based index of the page the row came from. */
  readonly page: number;
  /** zod's issues, paths relative to the row. */
  readonly rowIssues: readonly RowIssue[];

  constructor(details: { rowNumber: number; page: number; issues: readonly RowIssue[]; raw: unknown }) {
    const summary = details.issues.map((i) => `${i.path.map(String).join('.') || '(row)'}: ${i.message}`).join('; ');
    super(`Result row ${details.rowNumber} (page ${details.page + 1}) does not match the schema: ${summary}`, {
      issues: details.issues.map((i) => ({ path: ['row', details.rowNumber, ...i.path], message: i.message })),
      raw: details.raw,
    });
    this.rowNumber = details.rowNumber;
    this.page = details.page;
    this.rowIssues = details.issues;
  }
}
