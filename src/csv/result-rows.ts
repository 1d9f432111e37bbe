import { ResponseValidationError } from '../errors/response-validation-error.js';
import type { FailedRecord, RecordFields, SuccessRecord, UnprocessedRecord } from '../models/bulk-result.js';
import { parseSfError } from './sf-error.js';

/** A parsed result row: column name → value. */
export type ResultRow = Readonly<Record<string, string>>;

const SF_ID = 'sf__Id';
const SF_CREATED = 'sf__Created';
const SF_ERROR = 'sf__Error';

/**
 * A `successfulResults` row as a `SuccessRecord`: `sf__Id` → `id`, `sf__Created` → `created`
 * (`"true"` → true), the other columns → `fields`.
 * @throws ResponseValidationError when the row has no `sf__Id` (not a successful-results file)
 */
export function toSuccessRecord(row: ResultRow, jobId: string): SuccessRecord {
  const id = row[SF_ID];
  if (id === undefined || id === '') {
    const message = 'A successful-results row has no sf__Id';
    throw new ResponseValidationError(message, { issues: [{ path: [SF_ID], message }], raw: Object.keys(row) });
  }
  return { jobId, id, created: row[SF_CREATED]?.toLowerCase() === 'true', fields: ownFields(row) };
}

/**
 * A `failedResults` row as a `FailedRecord`: `sf__Error` parsed (`parseSfError`) with the raw
 * text kept in `rawError`; `sf__Id` empty or absent (failed inserts, API < 53.0) → `null`.
 */
export function toFailedRecord(row: ResultRow, jobId: string): FailedRecord {
  const id = row[SF_ID];
  const rawError = row[SF_ERROR] ?? '';
  return {
    jobId,
    id: id === undefined || id === '' ? null : id,
    error: parseSfError(rawError),
    rawError,
    fields: ownFields(row),
  };
}

/** An `unprocessedrecords` row as an `UnprocessedRecord`: all its columns are the record's own. */
export function toUnprocessedRecord(row: ResultRow, jobId: string): UnprocessedRecord {
  return { jobId, fields: ownFields(row) };
}

/** The row's columns without the `sf__` result columns (a namespaced `sf__X__c` field stays). */
function ownFields(row: ResultRow): RecordFields {
  const fields: Record<string, string> = {};
  for (const key of Object.keys(row)) {
    if (key !== SF_ID && key !== SF_CREATED && key !== SF_ERROR) fields[key] = row[key] as string;
  }
  return fields;
}
