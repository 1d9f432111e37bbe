import type { CsvDialect } from './detect-csv-dialect.js';
import { DELIMITER_CHARACTERS } from './delimiters.js';

/** The first thing wrong in a CSV file, and where. */
export interface CsvProblem {
  /** The record: 0 for the header, 1 for the first data row (blank lines are not rows). */
  readonly row: number;
  /** The line of the file it is on (1 for the first). */
  readonly line: number;
  readonly message: string;
  /** The option that would fix it, when one would. */
  readonly option?: 'lineEnding' | undefined;
}

/** What a check found: the rows and columns counted, and the first problem if any. */
export interface CsvCheck {
  /** Data rows (the header not counted). */
  readonly rows: number;
  /** Columns of the header. */
  readonly columns: number;
  readonly problem: CsvProblem | undefined;
}

const enum State {
  FieldStart,
  Unquoted,
  Quoted,
  QuoteInQuoted,
}

const QUOTE = 34;
const LF = 10;
const CR = 13;

/**
 * Checks CSV text the way the Bulk API reads it, without keeping any of it: quotes (RFC 4180: a
 * field is quoted whole, a quote inside is doubled), every record as wide as the header, every
 * line ending the one given, a header without empty names. It stops at the first problem, which
 * names its row and line: a file that would fail half way through a load fails here instead,
 * before any job exists. Blank lines are skipped, as the loader skips them; a BOM is skipped.
 */
export class CsvChecker {
  private readonly delimiter: number;
  private readonly crlf: boolean;
  private state = State.FieldStart;
  private line = 1;
  private row = 0;
  private fields = 0;
  /** Any character of the current record seen (a blank line has none). */
  private recordStarted = false;
  /** The line the current record started on, and the line of its open quote. */
  private recordLine = 1;
  private quoteLine = 1;
  private pendingCr = false;
  private columns = -1;
  private headerCell = '';
  private headerNames: string[] = [];
  private started = false;
  private problem: CsvProblem | undefined;

  constructor(dialect: CsvDialect) {
    this.delimiter = DELIMITER_CHARACTERS[dialect.columnDelimiter].charCodeAt(0);
    this.crlf = dialect.lineEnding === 'CRLF';
  }

  /** Checks more text; returns the first problem (then and on every later call). */
  push(text: string): CsvProblem | undefined {
    if (this.problem) return this.problem;
    let start = 0;
    if (!this.started && text.length > 0) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) start = 1;
    }
    for (let i = start; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (this.row === 0) this.collectHeader(c);
      if (this.pendingCr) {
        this.pendingCr = false;
        if (c === LF) {
          if (!this.crlf)
            return this.fail(
              this.line,
              'the line ends with CRLF, but the line ending is LF: use --line-ending CRLF',
              true,
            );
          if (this.endRecord()) return this.problem;
          continue;
        }
        // a lone CR is data
        if (this.state === State.QuoteInQuoted)
          return this.fail(this.line, 'text follows the closing quote of a field');
        this.recordStarted = true;
        this.state = State.Unquoted;
      }
      if (this.state === State.Quoted) {
        if (c === QUOTE) this.state = State.QuoteInQuoted;
        else if (c === LF) this.line += 1;
        continue;
      }
      if (this.state === State.QuoteInQuoted && c === QUOTE) {
        this.state = State.Quoted;
        continue;
      }
      if (this.state === State.FieldStart && c === QUOTE) {
        this.recordStarted = true;
        this.quoteLine = this.line;
        this.state = State.Quoted;
        continue;
      }
      if (c === this.delimiter) {
        this.recordStarted = true;
        this.endField();
      } else if (c === LF) {
        if (this.lineEndingWrong() || this.endRecord()) return this.problem;
      } else if (c === CR) this.pendingCr = true;
      else if (this.state === State.QuoteInQuoted)
        return this.fail(this.line, 'text follows the closing quote of a field (a quote inside a value is written "")');
      else if (c === QUOTE)
        return this.fail(
          this.line,
          'a double quote inside an unquoted value: quote the whole value and double the quote ("5"" screen")',
        );
      else {
        this.recordStarted = true;
        this.state = State.Unquoted;
      }
    }
    return undefined;
  }

  /** The end of the text: an open quote is a problem; a last record without a line ending is fine. */
  end(): CsvCheck {
    if (!this.problem) {
      if (this.state === State.Quoted)
        this.fail(this.quoteLine, 'a quoted value starts here and never ends (unterminated quote)');
      else {
        if (this.pendingCr) this.recordStarted = true; // a final lone CR is data
        if (this.recordStarted) this.endRecord();
        if (!this.problem && this.columns < 0) this.fail(1, 'the file is empty: it needs a header row of field names');
      }
    }
    return { rows: Math.max(this.row - 1, 0), columns: Math.max(this.columns, 0), problem: this.problem };
  }

  /** Gathers the header's names as they read once unquoted (to find an empty one). */
  private collectHeader(c: number): void {
    if (this.state === State.Quoted) {
      if (c !== QUOTE) this.headerCell += String.fromCharCode(c);
    } else if (this.state === State.QuoteInQuoted) {
      if (c === QUOTE) this.headerCell += '"';
    } else if (c !== QUOTE && c !== this.delimiter && c !== LF && c !== CR) this.headerCell += String.fromCharCode(c);
  }

  private endField(): void {
    this.fields += 1;
    this.state = State.FieldStart;
    if (this.row === 0) {
      this.headerNames.push(this.headerCell);
      this.headerCell = '';
    }
  }

  /** A LF ends a record: true when that record is a problem. */
  private lineEndingWrong(): boolean {
    if (!this.crlf) return false;
    this.fail(this.line, 'the line ends with LF only, but the line ending is CRLF: use --line-ending LF', true);
    return true;
  }

  /** Ends a record at a line break (or the end of the text); true when it is a problem. */
  private endRecord(): boolean {
    const line = this.recordLine;
    this.line += 1;
    this.recordLine = this.line;
    this.state = State.FieldStart;
    if (!this.recordStarted) return false; // a blank line
    const width = this.fields + 1;
    this.fields = 0;
    this.recordStarted = false;
    if (this.row === 0) {
      this.headerNames.push(this.headerCell);
      this.headerCell = '';
      this.columns = width;
      const empty = this.headerNames.findIndex((name) => name.trim() === '');
      this.row = 1;
      if (empty >= 0) {
        this.row = 0;
        this.fail(line, `the header has no name for column ${empty + 1}`);
        return true;
      }
      return false;
    }
    if (width !== this.columns) {
      this.fail(line, `it has ${width} columns, the header has ${this.columns}`);
      return true;
    }
    this.row += 1;
    return false;
  }

  private fail(line: number, message: string, lineEnding = false): CsvProblem {
    this.problem = { row: this.row, line, message, ...(lineEnding ? { option: 'lineEnding' as const } : {}) };
    return this.problem;
  }
}
