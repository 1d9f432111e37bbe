/**
 * Error codes the SOQL subset raises. `MALFORMED_QUERY`, `INVALID_FIELD` and `INVALID_TYPE`
 * are the codes Salesforce's REST/Bulk endpoints use for bad SOQL.
 *
 * Clauses Bulk API 2.0 refuses (GROUP BY, OFFSET, TYPEOF, aggregate functions, parent-to-child
 * subqueries) use `FeatureNotEnabled`: it is in the Bulk API error vocabulary, and it is the code
 * observed (Bulk 1.0 clients) next to the text "Aggregate Relationships not supported in Bulk
 * Query with CSV content type". The exact Bulk 2.0 body is unconfirmed; only the subquery message
 * follows an observed one, the others are modelled on it.
 *
 * `EMULATOR_UNSUPPORTED` marks valid SOQL that Salesforce accepts but this emulator does not
 * evaluate (semi-joins, SOQL functions in WHERE), so a test never mistakes it for a real refusal.
 */
export const SoqlErrorCode = {
  MALFORMED_QUERY: 'MALFORMED_QUERY',
  INVALID_FIELD: 'INVALID_FIELD',
  INVALID_TYPE: 'INVALID_TYPE',
  FEATURE_NOT_ENABLED: 'FeatureNotEnabled',
  EMULATOR_UNSUPPORTED: 'EMULATOR_UNSUPPORTED',
} as const;

/** One of the {@link SoqlErrorCode} values. */
export type SoqlErrorCodeValue = (typeof SoqlErrorCode)[keyof typeof SoqlErrorCode];

/** Where in the SOQL text a syntax error was found (1-based, as Salesforce reports it). */
export interface SoqlErrorLocation {
  readonly row: number;
  readonly column: number;
}

/**
 * A SOQL text that Salesforce would refuse. `errorCode` and `message` are what the emulator
 * puts in its `[{"errorCode": ..., "message": ...}]` 400 body.
 */
export class SoqlError extends Error {
  override readonly name: string = 'SoqlError';
  readonly errorCode: string;
  /** Position of the offending token, for syntax errors. */
  readonly location: SoqlErrorLocation | undefined;

  constructor(errorCode: string, message: string, location?: SoqlErrorLocation) {
    super(message);
    this.errorCode = errorCode;
    this.location = location;
  }
}

/** 1-based row and column of `offset` in `text`. */
export function locate(text: string, offset: number): SoqlErrorLocation {
  const before = text.slice(0, offset);
  const lineStart = before.lastIndexOf('\n') + 1;
  return { row: before.split('\n').length, column: offset - lineStart + 1 };
}

/** A `MALFORMED_QUERY` error at `offset` of `text`. */
export function malformed(message: string, text: string, offset: number): SoqlError {
  return new SoqlError(SoqlErrorCode.MALFORMED_QUERY, message, locate(text, offset));
}

/** Salesforce's wording for a syntax error: `unexpected token: <token text>`. */
export function unexpectedToken(tokenText: string, text: string, offset: number): SoqlError {
  return malformed(`unexpected token: ${tokenText}`, text, offset);
}

/** A clause that Bulk API 2.0 does not accept in a query job. */
export function notSupportedInBulk(message: string): SoqlError {
  return new SoqlError(SoqlErrorCode.FEATURE_NOT_ENABLED, message);
}

/** Valid SOQL this emulator does not evaluate. */
export function notSupportedByEmulator(feature: string): SoqlError {
  return new SoqlError(
    SoqlErrorCode.EMULATOR_UNSUPPORTED,
    `${feature} is not supported by the kinetic-core Bulk API emulator`,
  );
}
