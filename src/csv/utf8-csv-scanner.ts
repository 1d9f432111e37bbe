import { KineticError } from '../errors/kinetic-error.js';
import { ResponseLimitError } from '../errors/response-limit-error.js';
import type { ResponseValidationError } from '../errors/response-validation-error.js';
import { DEFAULT_MAX_FIELD_CHARS, DEFAULT_MAX_ROW_CHARS } from './csv-limits.js';
import type { CsvParseOptions } from './csv-push-parser.js';
import { codeUnits, concat, copyValue, grown, withoutNul } from './byte-arrays.js';
import { badHeaderColumn, corruptCsv, wrongFieldCount } from './csv-errors.js';
import { resolveDelimiter, resolveLineEnding } from './delimiters.js';
import type { Utf8CsvRows } from './utf8-csv-rows.js';

const QUOTE = 34;
const LF = 10;
const CR = 13;
const UTF8 = new TextDecoder();
// shared by every empty batch: nothing ever writes into them
const EMPTY = new Uint8Array(0);
const NONE = new Uint32Array(0);

/**
 * A CSV parser for large files that works on the bytes as they arrive, without making a string
 * per value: push chunks, get back the rows they completed, unquoted into one byte buffer per
 * chunk. The first row is the header (decoded). Behaves as `CsvPushParser`: a UTF-8 BOM and NUL
 * bytes are dropped, a trailing line ending makes no empty row, and the same errors are thrown
 * (`ResponseValidationError` for a malformed row or a field count other than the header's,
 * `ResponseLimitError` for a field or row over `maxFieldChars` / `maxRowChars`, counted in
 * UTF-16 code units as a string's length is). Only the unfinished last row is kept between
 * pushes.
 *
 * @example
 * const scanner = new Utf8CsvScanner({ lineEnding: 'LF' });
 * const rows = scanner.push(new TextEncoder().encode('"Id","Name"\n"001","Acme"\n'));
 * utf8RowValues(rows, 0); // ['001', 'Acme']
 */
export class Utf8CsvScanner {
  private readonly delimiter: number;
  private readonly maxFieldChars: number;
  private readonly maxRowChars: number;
  private crlf: boolean | undefined;
  private rest: Uint8Array = new Uint8Array(0);
  private started = false;
  private ended = false;
  private header: string[] | undefined;
  private rowCount = 0;
  /** The fields of the row being scanned: start, end and whether it holds doubled quotes. */
  private fieldStart = new Uint32Array(64);
  private fieldEnd = new Uint32Array(64);
  private fieldEscaped = new Uint32Array(64);

  constructor(options: CsvParseOptions = {}) {
    this.delimiter = resolveDelimiter(options.columnDelimiter).charCodeAt(0);
    this.maxFieldChars = options.maxFieldChars ?? DEFAULT_MAX_FIELD_CHARS;
    this.maxRowChars = options.maxRowChars ?? DEFAULT_MAX_ROW_CHARS;
    this.crlf = options.lineEnding === undefined ? undefined : resolveLineEnding(options.lineEnding) === '\r\n';
  }

  /** The header, once its row has been read. */
  get columns(): readonly string[] | undefined {
    return this.header;
  }

  /** Number of data rows returned so far. */
  get rows(): number {
    return this.rowCount;
  }

  /** Adds bytes; returns the rows they completed (possibly none). */
  push(chunk: Uint8Array): Utf8CsvRows {
    if (this.ended) throw new KineticError('Utf8CsvScanner.push() was called after end()');
    const clean = withoutNul(chunk);
    if (clean.length === 0) return this.none();
    const input = this.rest.length === 0 ? clean : concat(this.rest, clean);
    // a row can only end on a LF: without one there is nothing new to scan
    if (clean.indexOf(LF) < 0) {
      this.rest = input;
      this.checkUnfinished();
      return this.none();
    }
    return this.scan(input, false);
  }

  /** Ends the input; returns the last row if it had no line ending. */
  end(): Utf8CsvRows {
    if (this.ended) return this.none();
    this.ended = true;
    return this.rest.length === 0 ? this.none() : this.scan(this.rest, true);
  }

  private scan(input: Uint8Array, final: boolean): Utf8CsvRows {
    let position = 0;
    if (!this.started) {
      // the first scan sees the file from its first byte (nothing is scanned before a line ending)
      this.started = true;
      if (input[0] === 0xef && input[1] === 0xbb && input[2] === 0xbf) position = 3;
    }
    if (this.header === undefined) {
      const fields = this.scanRow(input, position, final);
      if (fields < 0) return this.unfinished(input, position, final);
      this.readHeader(input, fields);
      position = this.rowEnd;
    }
    const width = this.header?.length ?? 0;
    const out = new Uint8Array(input.length - position);
    let used = 0;
    let capacity = Math.max(16, Math.ceil((input.length - position) / 64));
    let starts: Uint32Array = new Uint32Array(capacity * width);
    let ends: Uint32Array = new Uint32Array(capacity * width);
    let count = 0;
    while (position < input.length) {
      const fields = this.scanRow(input, position, final);
      if (fields < 0) break;
      if (fields !== width) throw this.wrongWidth(input, fields, width);
      if (count === capacity) {
        capacity *= 2;
        starts = grown(starts, capacity * width);
        ends = grown(ends, capacity * width);
      }
      const at = count * width;
      let rowChars = width - 1;
      for (let c = 0; c < width; c++) {
        if (c > 0) out[used++] = 0;
        starts[at + c] = used;
        used = this.copyField(input, c, out, used);
        ends[at + c] = used;
        rowChars += this.checkedLength(out, starts[at + c] as number, used);
      }
      if (rowChars > this.maxRowChars) throw this.tooLong('maxRowChars', `CSV row ${this.rowCount + 1}`);
      count++;
      this.rowCount++;
      position = this.rowEnd;
    }
    this.unfinished(input, position, final);
    return { count, width, bytes: out.subarray(0, used), starts, ends };
  }

  /** Keeps the bytes from `position` on (an unfinished row) for the next push. */
  private unfinished(input: Uint8Array, position: number, final: boolean): Utf8CsvRows {
    this.rest = position < input.length ? input.slice(position) : new Uint8Array(0);
    if (!final) this.checkUnfinished();
    return this.none();
  }

  /** Set by `scanRow`: where the next row starts. */
  private rowEnd = 0;

  /**
   * Finds the fields of the row at `start` (into `fieldStart`/`fieldEnd`/`fieldEscaped`); returns
   * their number, or -1 when the row is not complete yet (more bytes may finish it).
   */
  private scanRow(input: Uint8Array, start: number, final: boolean): number {
    const n = input.length;
    const delimiter = this.delimiter;
    let i = start;
    let fields = 0;
    for (;;) {
      if (fields === this.fieldStart.length) this.growFields();
      if (i < n && input[i] === QUOTE) {
        let j = i + 1;
        let escaped = 0;
        let close: number;
        for (;;) {
          close = input.indexOf(QUOTE, j);
          if (close < 0 || (close + 1 === n && !final)) {
            if (!final) return -1;
            throw this.malformed(input, start, 'Quoted field unterminated');
          }
          if (input[close + 1] !== QUOTE) break;
          escaped = 1;
          j = close + 2;
        }
        this.fieldStart[fields] = i + 1;
        this.fieldEnd[fields] = close;
        this.fieldEscaped[fields++] = escaped;
        i = close + 1;
        if (i >= n) return this.endedAt(n, fields);
        const after = input[i] as number;
        if (after === delimiter) {
          i++;
          continue;
        }
        if (after === LF) return this.endedAt(i + 1, fields);
        if (after === CR && this.crlf !== false) {
          if (i + 1 >= n) return final ? this.endedAt(n, fields) : -1;
          if (input[i + 1] === LF) return this.endedAt(i + 2, fields, true);
        }
        throw this.malformed(input, start, 'Trailing quote on quoted field is malformed');
      }
      let j = i;
      while (j < n) {
        const c = input[j] as number;
        if (c === delimiter || c === LF) break;
        j++;
      }
      if (j >= n && !final) return -1;
      let end = j;
      const isLf = j < n && input[j] === LF;
      // a CR before the LF belongs to the line ending (CRLF files; and the header decides when unknown)
      if (isLf && end > i && input[end - 1] === CR && this.crlf !== false) end--;
      this.fieldStart[fields] = i;
      this.fieldEnd[fields] = end;
      this.fieldEscaped[fields++] = 0;
      if (j >= n) return this.endedAt(n, fields);
      if (!isLf) {
        i = j + 1;
        continue;
      }
      return this.endedAt(j + 1, fields, end < j);
    }
  }

  private endedAt(next: number, fields: number, sawCr = false): number {
    // the header's line ending decides, when the job did not say
    if (this.crlf === undefined && this.header === undefined && next > 0) this.crlf = sawCr;
    this.rowEnd = next;
    return fields;
  }

  /** Copies field `c` of the scanned row into `out` at `used`, undoubling quotes; returns the new end. */
  private copyField(input: Uint8Array, c: number, out: Uint8Array, used: number): number {
    return copyValue(
      input,
      this.fieldStart[c] as number,
      this.fieldEnd[c] as number,
      this.fieldEscaped[c] === 1,
      out,
      used,
    );
  }

  /** The value's length in UTF-16 code units, checked against `maxFieldChars`. */
  private checkedLength(bytes: Uint8Array, start: number, end: number): number {
    // bytes are never fewer than code units: count them only when the bytes are over the limit
    if (end - start <= this.maxFieldChars) return end - start;
    const units = codeUnits(bytes, start, end);
    if (units > this.maxFieldChars) throw this.tooLong('maxFieldChars', `a field of CSV row ${this.rowCount + 1}`);
    return units;
  }

  private readHeader(input: Uint8Array, fields: number): void {
    const names: string[] = [];
    const scratch = new Uint8Array(input.length);
    let length = fields - 1;
    for (let c = 0; c < fields; c++) {
      const end = this.copyField(input, c, scratch, 0);
      const name = UTF8.decode(scratch.subarray(0, end));
      if (name.length > this.maxFieldChars) throw this.tooLong('maxFieldChars', 'a field of CSV row 0');
      length += name.length;
      names.push(name);
    }
    if (length > this.maxRowChars) throw this.tooLong('maxRowChars', 'CSV row 0');
    const seen = new Set<string>();
    for (const name of names) {
      // `__proto__` would not become a key of a plain object; Salesforce never sends it
      if (seen.has(name) || name === '__proto__') throw badHeaderColumn(name, names.join(','));
      seen.add(name);
    }
    this.header = names;
  }

  /** The unfinished last row may not grow past `maxRowChars` either. */
  private checkUnfinished(): void {
    if (this.rest.length > this.maxRowChars && codeUnits(this.rest, 0, this.rest.length) > this.maxRowChars)
      throw this.tooLong('maxRowChars', `CSV row ${this.rowCount + (this.header ? 1 : 0)}`);
  }

  private growFields(): void {
    const size = this.fieldStart.length * 2;
    this.fieldStart = grown(this.fieldStart, size);
    this.fieldEnd = grown(this.fieldEnd, size);
    this.fieldEscaped = grown(this.fieldEscaped, size);
  }

  private none(): Utf8CsvRows {
    return { count: 0, width: this.header?.length ?? 0, bytes: EMPTY, starts: NONE, ends: NONE };
  }

  private wrongWidth(input: Uint8Array, fields: number, width: number): ResponseValidationError {
    const raw = UTF8.decode(input.subarray(this.fieldStart[0], this.fieldEnd[fields - 1]));
    return wrongFieldCount(this.rowCount + 1, fields, width, raw);
  }

  private malformed(input: Uint8Array, start: number, problem: string): ResponseValidationError {
    const number = this.header ? this.rowCount + 1 : 0;
    return corruptCsv(`Malformed CSV at row ${number}: ${problem}`, number, UTF8.decode(input.subarray(start)));
  }

  private tooLong(limit: 'maxFieldChars' | 'maxRowChars', what: string): ResponseLimitError {
    return new ResponseLimitError({ limit, max: this[limit], what, unit: 'characters' });
  }
}
