import Papa from 'papaparse';
import { KineticError } from '../errors/kinetic-error.js';
import { ResponseLimitError } from '../errors/response-limit-error.js';
import { type ResponseValidationError } from '../errors/response-validation-error.js';
import { badHeaderColumn, corruptCsv, wrongFieldCount } from './csv-errors.js';
import { DEFAULT_MAX_FIELD_CHARS, DEFAULT_MAX_ROW_CHARS } from './csv-limits.js';
import { resolveDelimiter, resolveLineEnding, type CsvFormatOptions } from './delimiters.js';

/** One parsed CSV row: column name → value. */
export type CsvRow = Record<string, string>;

/**
 * Options for parsing result CSV. `lineEnding` defaults to what the header row ends with
 * (CRLF or LF); `columnDelimiter` defaults to `COMMA`.
 */
export interface CsvParseOptions extends CsvFormatOptions {
  /** Longest field, in characters (default 1,048,576); a longer one is a `ResponseLimitError`. `Infinity`: no limit. */
  readonly maxFieldChars?: number | undefined;
  /**
   * Longest row (one record, quoted line breaks included), in characters (default 4,194,304); a
   * longer one, or an unfinished row that has grown past it, is a `ResponseLimitError`, so an
   * endless line stops at the limit. `Infinity`: no limit.
   */
  readonly maxRowChars?: number | undefined;
}

/** The part of papaparse's low-level result we use. */
interface PapaChunk {
  readonly data: string[][];
  readonly errors: readonly { readonly row?: number; readonly message: string }[];
  readonly meta: { readonly cursor: number };
}

/**
 * An incremental CSV parser for one result page: push text as it arrives and get back the
 * rows completed so far. The first row is the header. Only the unfinished last row is kept
 * between pushes, so memory does not grow with the page. A UTF-8 BOM at the start and NUL
 * characters anywhere are dropped; a trailing line ending does not make an empty row.
 *
 * @example
 * const parser = new CsvPushParser({ lineEnding: 'LF' });
 * parser.push('"Id","Na'); // []
 * parser.push('me"\n"001","Acme"\n'); // [{ Id: '001', Name: 'Acme' }]
 * parser.end(); // []
 *
 * Errors (`ResponseValidationError`): a row whose field count differs from the header (named
 * by its 1-based number after the header), a malformed or unterminated quoted field, a
 * duplicate header name; `ResponseLimitError` (a `ResponseValidationError`) for a field or row
 * over `maxFieldChars` / `maxRowChars`.
 */
export class CsvPushParser {
  private readonly delimiter: string;
  private readonly maxFieldChars: number;
  private readonly maxRowChars: number;
  private newline: string | undefined;
  private parser: Papa.Parser | undefined;
  private remainder = '';
  private started = false;
  private ended = false;
  private header: string[] | undefined;
  private rowCount = 0;

  constructor(options: CsvParseOptions = {}) {
    this.delimiter = resolveDelimiter(options.columnDelimiter);
    this.maxFieldChars = options.maxFieldChars ?? DEFAULT_MAX_FIELD_CHARS;
    this.maxRowChars = options.maxRowChars ?? DEFAULT_MAX_ROW_CHARS;
    this.newline = options.lineEnding === undefined ? undefined : resolveLineEnding(options.lineEnding);
  }

  /** The header, once its row has been read. */
  get columns(): readonly string[] | undefined {
    return this.header;
  }

  /** Number of data rows returned so far. */
  get rows(): number {
    return this.rowCount;
  }

  /** Adds text; returns the rows it completed (possibly none). */
  push(text: string): CsvRow[] {
    return this.toObjects(this.pushArrays(text));
  }

  /** Ends the input; returns the last row if it had no line ending. */
  end(): CsvRow[] {
    return this.toObjects(this.endArrays());
  }

  /**
   * `push`, with each row as an array of values aligned with `columns` (no object per row: for
   * callers that read millions of rows and keep few of them).
   */
  pushArrays(text: string): string[][] {
    if (this.ended) throw new KineticError('CsvPushParser.push() was called after end()');
    const clean = this.clean(text);
    if (clean === '') return [];
    if (this.remainder.length + clean.length > this.maxRowChars && !clean.includes('\n')) throw this.rowTooLong();
    this.remainder += clean;
    // a row can only end on a LF, so without one there is nothing new to parse
    const rows = clean.includes('\n') ? this.parse(false) : [];
    // what is left is the unfinished row: it may not grow past the limit either
    if (this.remainder.length > this.maxRowChars) throw this.rowTooLong();
    return rows;
  }

  /** `end`, with the last row as an array (see `pushArrays`). */
  endArrays(): string[][] {
    if (this.ended) return [];
    this.ended = true;
    return this.remainder === '' ? [] : this.parse(true);
  }

  private clean(text: string): string {
    let out = text.includes('\0') ? text.replaceAll('\0', '') : text;
    if (!this.started && out !== '') {
      this.started = true;
      if (out.charCodeAt(0) === 0xfeff) out = out.slice(1);
    }
    return out;
  }

  private parse(final: boolean): string[][] {
    const input = this.remainder;
    const parser = this.papa(input, final);
    if (parser === undefined) return [];
    const result = parser.parse(input, 0, !final) as PapaChunk;
    const complete = result.data.length;
    for (const error of result.errors) {
      // with ignoreLastRow, papaparse may complain about the unfinished last row: it is parsed again later
      const row = error.row ?? complete;
      if (final || row < complete) {
        // data[0] is the header until the header has been read
        const number = this.rowCount + row + (this.header ? 1 : 0);
        throw this.corrupt(`Malformed CSV at row ${number}: ${error.message}`, number);
      }
    }
    this.remainder = final ? '' : input.slice(result.meta.cursor);
    return this.checkedRows(result.data);
  }

  /** The papaparse parser, created once the line ending is known (given, or seen ending the header). */
  private papa(input: string, final: boolean): Papa.Parser | undefined {
    if (this.parser) return this.parser;
    this.newline ??= detectLineEnding(input) ?? (final ? '\n' : undefined);
    if (this.newline === undefined) return undefined;
    this.parser = new Papa.Parser({
      delimiter: this.delimiter,
      newline: this.newline as '\n' | '\r\n',
      quoteChar: '"',
    });
    return this.parser;
  }

  private toObjects(data: readonly string[][]): CsvRow[] {
    const header = this.header ?? [];
    const rows: CsvRow[] = [];
    for (const fields of data) {
      const row: CsvRow = {};
      for (let c = 0; c < header.length; c++) row[header[c] as string] = fields[c] as string;
      rows.push(row);
    }
    return rows;
  }

  /** The data rows of a parsed chunk (the header taken out, once), each checked. */
  private checkedRows(data: string[][]): string[][] {
    let start = 0;
    let header = this.header;
    if (header === undefined) {
      if (data.length === 0) return [];
      header = this.readHeader(data[0] ?? []);
      start = 1;
    }
    const rows: string[][] = [];
    for (let i = start; i < data.length; i++) {
      const fields = data[i] ?? [];
      const number = this.rowCount + 1;
      this.checkSizes(fields, number);
      if (fields.length !== header.length) {
        throw wrongFieldCount(number, fields.length, header.length, fields.join(this.delimiter));
      }
      rows.push(fields);
      this.rowCount = number;
    }
    return rows;
  }

  private readHeader(fields: string[]): string[] {
    this.checkSizes(fields, 0);
    const seen = new Set<string>();
    for (const name of fields) {
      // `__proto__` would not become a key of a plain object; Salesforce never sends it
      if (seen.has(name) || name === '__proto__') throw badHeaderColumn(name, this.remainder);
      seen.add(name);
    }
    this.header = fields;
    return fields;
  }

  /** A complete row (0: the header) against both limits. */
  private checkSizes(fields: readonly string[], row: number): void {
    let length = Math.max(0, fields.length - 1);
    for (const field of fields) {
      if (field.length > this.maxFieldChars) throw this.tooLong('maxFieldChars', `a field of CSV row ${row}`);
      length += field.length;
    }
    if (length > this.maxRowChars) throw this.tooLong('maxRowChars', `CSV row ${row}`);
  }

  private rowTooLong(): ResponseLimitError {
    return this.tooLong('maxRowChars', `CSV row ${this.rowCount + (this.header ? 1 : 0)}`);
  }

  private tooLong(limit: 'maxFieldChars' | 'maxRowChars', what: string): ResponseLimitError {
    return new ResponseLimitError({ limit, max: this[limit], what, unit: 'characters' });
  }

  private corrupt(message: string, row: number, raw: string = this.remainder): ResponseValidationError {
    return corruptCsv(message, row, raw);
  }
}

/** CRLF or LF, from the first LF outside quotes; undefined while none has arrived. */
function detectLineEnding(text: string): string | undefined {
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    else if (ch === '\n' && !quoted) return i > 0 && text[i - 1] === '\r' ? '\r\n' : '\n';
  }
  return undefined;
}
