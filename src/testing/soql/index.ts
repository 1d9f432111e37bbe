/**
 * The SOQL subset of the local Bulk API 2.0 emulator: parse, validate against a schema, run
 * over stored rows. Pure functions, no I/O.
 */
export { parseSoql } from './parse-soql.js';
export { validateSoql } from './validate-soql.js';
export { runSoql, type RunSoqlOptions } from './run-soql.js';
export { quoteSoqlString, type QuoteSoqlStringOptions } from './quote-soql-string.js';
export { SoqlError, SoqlErrorCode, type SoqlErrorCodeValue, type SoqlErrorLocation } from './soql-error.js';
export { relativeDateKind, resolveRelativeDate, type EpochRange } from './date-literals.js';
export type {
  SoqlComparisonOperator,
  SoqlCondition,
  SoqlFieldType,
  SoqlLiteral,
  SoqlOrderBy,
  SoqlQuery,
  SoqlResolve,
  SoqlRow,
  SoqlSchema,
} from './soql-ast.js';
