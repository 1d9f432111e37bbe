import Papa from 'papaparse';
import { COLUMN_DELIMITERS, LINE_ENDINGS, type ColumnDelimiterName, type LineEndingName } from '../core/csv-format.js';

/** An upload split into header and rows. */
export interface ParsedUpload {
  /** Header cells exactly as the client wrote them (quotes kept), for echoing into results. */
  readonly rawHeader: readonly string[];
  /** Header cells unquoted. */
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

/** `ok: false` fails the job with `message`; `upload` still holds what could be read (for unprocessedrecords). */
export type UploadParseResult =
  | { readonly ok: true; readonly upload: ParsedUpload }
  | { readonly ok: false; readonly message: string; readonly upload: ParsedUpload };

const BOM = '\uFEFF';
const UNESCAPED_QUOTE = 'InvalidBatch : Failed to parse CSV. Found unescaped quote';

/** Finds the first line break outside quotes that disagrees with the job's line ending. */
function lineEndingMismatch(text: string, expected: LineEndingName): boolean {
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && c === '\n') {
      const crlf = i > 0 && text[i - 1] === '\r';
      if (crlf !== (expected === 'CRLF')) return true;
    }
  }
  return false;
}

/** Splits the header line on the delimiter outside quotes, keeping each cell's text as written. */
function rawHeaderCells(text: string, delimiter: string): string[] {
  const cells: string[] = [];
  let quoted = false;
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (i === text.length || (!quoted && (c === '\n' || c === '\r' || c === delimiter))) {
      cells.push(text.slice(start, i));
      if (c !== delimiter) break;
      start = i + 1;
    }
  }
  return cells;
}

/**
 * Parses an uploaded CSV with the job's delimiter and line ending. Nothing is stripped: a UTF-8
 * BOM stays part of the first header (an unknown field), or, before a quoted header, breaks the
 * parse as Salesforce reports it. Rows whose width differs from the header fail the job
 * (our choice: the real message is not documented).
 */
export function parseUpload(
  text: string,
  delimiterName: ColumnDelimiterName,
  lineEnding: LineEndingName,
): UploadParseResult {
  const delimiter = COLUMN_DELIMITERS[delimiterName];
  const hasBom = text.startsWith(BOM);
  const mismatch = lineEndingMismatch(text, lineEnding);
  // On a mismatch, parse with the ending the file really uses so unprocessedrecords can list its rows.
  const used: LineEndingName = mismatch ? (lineEnding === 'LF' ? 'CRLF' : 'LF') : lineEnding;
  const newline = LINE_ENDINGS[used];
  // papaparse's skipEmptyLines would also drop a row holding one quoted empty value (`""`),
  // which is a real row of a one-column file: strip the final line ending and drop blank
  // lines only where the header has several columns (a blank line cannot be such a row)
  const body = text.endsWith(newline) ? text.slice(0, -newline.length) : text;
  const result = Papa.parse<string[]>(body, { delimiter, newline, quoteChar: '"', skipEmptyLines: false });
  const [first = [], ...parsedRows] = result.data;
  const rows = first.length > 1 ? parsedRows.filter((row) => !(row.length === 1 && row[0] === '')) : parsedRows;
  const header = hasBom && first.length > 0 ? [BOM + first[0], ...first.slice(1)] : first;
  const upload: ParsedUpload = { rawHeader: rawHeaderCells(text, delimiter), header, rows };
  const fail = (message: string): UploadParseResult => ({ ok: false, message, upload });
  if (hasBom && text[1] === '"') return fail(UNESCAPED_QUOTE);
  if (mismatch) {
    return fail(`ClientInputError : LineEnding is invalid on user data. Current LineEnding setting is ${lineEnding}`);
  }
  if (result.errors.some((e) => e.type === 'Quotes')) return fail(UNESCAPED_QUOTE);
  if (header.length === 0) return fail('InvalidBatch : Failed to parse CSV. No header row found');
  const bad = rows.findIndex((row) => row.length !== header.length);
  if (bad >= 0) {
    return fail(
      `InvalidBatch : Failed to parse CSV. Row ${bad + 2} has ${rows[bad]?.length ?? 0} columns, the header has ${header.length}`,
    );
  }
  return { ok: true, upload };
}
