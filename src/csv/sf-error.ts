import type { BulkError } from '../models/bulk-error.js';

const STATUS_CODE = /^[A-Za-z][A-Za-z0-9_]*$/;
// a bare status code (`UNABLE_TO_LOCK_ROW`), as some failed rows carry: upper case, so a word of prose is not taken for one
const BARE_CODE = /^\s*([A-Z][A-Z0-9_]*)\s*:?\s*(?:--)?\s*$/;
// `<Code> : <message>` as in a failed job's errorMessage, e.g. `InvalidBatch : Field name not found : X`
const JOB_ERROR = /^\s*([A-Za-z][A-Za-z0-9_]*)\s*:\s*([\s\S]*?)\s*$/;

/**
 * Parses a failed row's `sf__Error`, whose (undocumented) grammar is
 * `<StatusCode>:<message>:<fields> --` or `<StatusCode>:<message>:--`. The message may hold
 * colons, so the status code runs to the first `:` and the fields segment starts after the
 * last one; fields are comma-separated API names.
 *
 * @example
 * parseSfError('REQUIRED_FIELD_MISSING:Required fields are missing: [Name]:Name --');
 * // { statusCode: 'REQUIRED_FIELD_MISSING', message: 'Required fields are missing: [Name]', fields: ['Name'] }
 *
 * A bare upper-case status code, with or without a trailing `:` or `--`
 * (`UNABLE_TO_LOCK_ROW`), gives that code with an empty message, so a retry keyed on the code
 * (`retryFailedRecords`) still recognises the row.
 *
 * @returns the parsed error; text that does not follow the grammar gives
 *   `{ statusCode: 'UNKNOWN', message: text, fields: [] }` (never throws)
 */
export function parseSfError(text: string): BulkError {
  const bare = BARE_CODE.exec(text);
  if (bare?.[1]) return { statusCode: bare[1], message: '', fields: [] };
  const body = stripTerminator(text);
  const first = body === undefined ? -1 : body.indexOf(':');
  const last = body === undefined ? -1 : body.lastIndexOf(':');
  if (body === undefined || first <= 0 || last === first) return unknownError(text);
  const statusCode = body.slice(0, first);
  if (!STATUS_CODE.test(statusCode)) return unknownError(text);
  const fields = body
    .slice(last + 1)
    .split(',')
    .map((field) => field.trim())
    .filter((field) => field !== '');
  return { statusCode, message: body.slice(first + 1, last).trim(), fields };
}

/**
 * Parses a failed job's `errorMessage`, written `<Code> : <message>`:
 * `InvalidBatch : Field name not found : ContactId__c` →
 * `{ statusCode: 'InvalidBatch', message: 'Field name not found : ContactId__c', fields: [] }`.
 * Other text gives `{ statusCode: 'UNKNOWN', message: text, fields: [] }` (never throws).
 */
export function parseJobErrorMessage(text: string): BulkError {
  const match = JOB_ERROR.exec(text);
  if (!match) return unknownError(text);
  const [, statusCode = '', message = ''] = match;
  return { statusCode, message, fields: [] };
}

/** The text before the closing `--`, or undefined when it does not end that way. */
function stripTerminator(text: string): string | undefined {
  const trimmed = text.trimEnd();
  return trimmed.endsWith('--') ? trimmed.slice(0, -2).trimEnd() : undefined;
}

function unknownError(text: string): BulkError {
  return { statusCode: 'UNKNOWN', message: text, fields: [] };
}
