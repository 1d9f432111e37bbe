import { ResponseValidationError } from '../errors/response-validation-error.js';

/** A CSV response that is not what the protocol promises, at `row` (0: the header). */
export function corruptCsv(message: string, row: number, raw: string): ResponseValidationError {
  return new ResponseValidationError(message, { issues: [{ path: ['row', row], message }], raw });
}

/** A row whose field count is not the header's (a truncated or corrupt page). */
export function wrongFieldCount(row: number, fields: number, width: number, raw: string): ResponseValidationError {
  return corruptCsv(
    `CSV row ${row} has ${fields} fields, the header has ${width} (truncated or corrupt page)`,
    row,
    raw,
  );
}

/** A header naming a column twice (or `__proto__`, which no plain object can hold as a key). */
export function badHeaderColumn(name: string, raw: string): ResponseValidationError {
  return corruptCsv(`CSV header has a duplicate or invalid column "${name}"`, 0, raw);
}
