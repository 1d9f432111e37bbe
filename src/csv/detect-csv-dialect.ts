import type { ColumnDelimiter, LineEnding } from '../models/job-state.js';
import { DELIMITER_CHARACTERS } from './delimiters.js';

/** A CSV file's delimiter and line ending, as a Bulk API job names them. */
export interface CsvDialect {
  readonly columnDelimiter: ColumnDelimiter;
  readonly lineEnding: LineEnding;
}

/** What the header line said: the dialect, or why it cannot be used and the option that settles it. */
export type DialectDetection =
  | {
      readonly ok: true;
      readonly dialect: CsvDialect;
      readonly detected: readonly ('columnDelimiter' | 'lineEnding')[];
    }
  | { readonly ok: false; readonly message: string; readonly option: 'columnDelimiter' | 'lineEnding' };

const NAMES: readonly ColumnDelimiter[] = ['COMMA', 'SEMICOLON', 'TAB', 'PIPE', 'CARET', 'BACKQUOTE'];

/** How a delimiter reads in a message. */
const SHOWN: Readonly<Record<ColumnDelimiter, string>> = {
  COMMA: "','",
  SEMICOLON: "';'",
  TAB: 'a tab',
  PIPE: "'|'",
  CARET: "'^'",
  BACKQUOTE: "'`'",
};

/**
 * The header line of `text` (the start of a CSV file, a UTF-8 BOM allowed): up to the first line
 * feed outside quotes, with that line feed; the whole text when it has none.
 */
export function headerLine(text: string): string {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let quoted = false;
  for (let i = 0; i < body.length; i++) {
    const c = body.charCodeAt(i);
    if (c === 34) quoted = !quoted;
    else if (c === 10 && !quoted) return body.slice(0, i + 1);
  }
  return body;
}

/**
 * Finds a CSV file's delimiter and line ending from its header line (field names hold none of
 * the six delimiters, so whichever appears outside quotes separates the columns), or checks the
 * ones given against it. Files saved by Excel on Windows end their lines with CRLF; in many
 * European locales they separate columns with `;`. A header line with no delimiter at all is a
 * one-column file (COMMA); one with two different delimiters cannot be read without being told.
 *
 * @param text the start of the file, at least its first line (a BOM is skipped)
 * @param given what the caller was told, checked rather than detected
 */
export function detectCsvDialect(
  text: string,
  given: { readonly columnDelimiter?: ColumnDelimiter | undefined; readonly lineEnding?: LineEnding | undefined } = {},
): DialectDetection {
  const header = headerLine(text);
  const ended = header.endsWith('\n');
  const crlf = header.endsWith('\r\n');
  const lineEnding: LineEnding = given.lineEnding ?? (crlf ? 'CRLF' : 'LF');
  if (ended && given.lineEnding === 'LF' && crlf)
    return fail('lineEnding', 'the header line ends with CRLF (a Windows file): use --line-ending CRLF');
  if (ended && given.lineEnding === 'CRLF' && !crlf)
    return fail('lineEnding', 'the header line ends with LF, not CRLF: use --line-ending LF');
  const found = delimitersIn(header);
  const detected: ('columnDelimiter' | 'lineEnding')[] = [];
  if (given.lineEnding === undefined && crlf) detected.push('lineEnding');
  if (given.columnDelimiter !== undefined) {
    const others = found.filter((name) => name !== given.columnDelimiter);
    if (!found.includes(given.columnDelimiter) && others.length === 1 && others[0] !== undefined)
      return fail(
        'columnDelimiter',
        `the header line has no ${SHOWN[given.columnDelimiter]} but has ${SHOWN[others[0]]}: use --delimiter ${others[0]}`,
      );
    return { ok: true, dialect: { columnDelimiter: given.columnDelimiter, lineEnding }, detected };
  }
  if (found.length > 1)
    return fail(
      'columnDelimiter',
      `the header line holds ${found.map((name) => SHOWN[name]).join(' and ')}: say which one separates the columns with --delimiter`,
    );
  const columnDelimiter = found[0] ?? 'COMMA';
  if (columnDelimiter !== 'COMMA') detected.push('columnDelimiter');
  return { ok: true, dialect: { columnDelimiter, lineEnding }, detected };
}

/** The delimiters that appear in a line outside quotes, in the order of `NAMES`. */
function delimitersIn(line: string): ColumnDelimiter[] {
  const seen = new Set<string>();
  let quoted = false;
  for (const c of line) {
    if (c === '"') quoted = !quoted;
    else if (!quoted) seen.add(c);
  }
  return NAMES.filter((name) => seen.has(DELIMITER_CHARACTERS[name]));
}

function fail(option: 'columnDelimiter' | 'lineEnding', message: string): DialectDetection {
  return { ok: false, option, message };
}
