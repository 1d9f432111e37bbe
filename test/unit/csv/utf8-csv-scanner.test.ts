import { CsvPushParser } from '../../../src/csv/csv-push-parser.js';
import { utf8RowValues, type Utf8CsvRows } from '../../../src/csv/utf8-csv-rows.js';
import { Utf8CsvScanner } from '../../../src/csv/utf8-csv-scanner.js';
import { KineticError } from '../../../src/errors/kinetic-error.js';
import { ResponseLimitError } from '../../../src/errors/response-limit-error.js';
import { ResponseValidationError } from '../../../src/errors/response-validation-error.js';

const encode = (text: string): Uint8Array => new TextEncoder().encode(text);

/** Every row the scanner gives for `bytes` pushed in pieces cut at `cuts` (byte offsets). */
function scanAll(scanner: Utf8CsvScanner, bytes: Uint8Array, cuts: readonly number[] = []): string[][] {
  const rows: string[][] = [];
  const take = (batch: Utf8CsvRows): void => {
    expect(batch.width).toBe(scanner.columns?.length ?? 0);
    for (let r = 0; r < batch.count; r++) rows.push(utf8RowValues(batch, r));
  };
  let at = 0;
  for (const cut of [...cuts, bytes.length]) {
    take(scanner.push(bytes.subarray(at, cut)));
    at = cut;
  }
  take(scanner.end());
  return rows;
}

/** A deterministic pseudo-random generator (tests must not depend on Math.random). */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (Math.imul(state ^ (state >>> 15), 2246822507) + 0x6d2b79f5) | 0;
    return ((state ^ (state >>> 13)) >>> 0) / 4294967296;
  };
}

const PIECES = ['a', 'Z', ' ', ',', '"', '""', '\n', '\r\n', 'ü', '—', '✓', '😀', '0', '1.5', '|', '\t', 'x y'];

function value(next: () => number): string {
  let text = '';
  const length = Math.floor(next() * 6);
  for (let i = 0; i < length; i++) text += PIECES[Math.floor(next() * PIECES.length)];
  return text;
}

const quote = (text: string): string => `"${text.replaceAll('"', '""')}"`;

describe('Utf8CsvScanner', () => {
  it.each([
    ['LF', '\n'],
    ['CRLF', '\r\n'],
  ] as const)('gives the rows CsvPushParser gives, however the bytes are cut (%s)', (lineEnding, newline) => {
    const next = random(lineEnding.length);
    const header = ['sf__Id', 'Name', 'Note ✓', 'Amount'];
    const rows = Array.from({ length: 200 }, () => header.map(() => value(next)));
    // Salesforce quotes every value; some plain ones here too, where they need no quotes
    const line = (values: readonly string[]): string =>
      values.map((v) => (/[",\r\n]/.test(v) || v === '' || next() < 0.5 ? quote(v) : v)).join(',') + newline;
    const text = line(header) + rows.map(line).join('');
    const bytes = encode(text);
    const cuts = Array.from({ length: 40 }, () => Math.floor(next() * bytes.length)).sort((a, b) => a - b);

    const parser = new CsvPushParser({ lineEnding });
    const expected = [...parser.pushArrays(text), ...parser.endArrays()];
    const scanner = new Utf8CsvScanner({ lineEnding });
    expect(scanAll(scanner, bytes, cuts)).toEqual(expected);
    expect(expected).toEqual(rows);
    expect(scanner.columns).toEqual(header);
    expect(scanner.rows).toBe(200);
  });

  it('cuts inside a character, a doubled quote and a CRLF are all the same file', () => {
    const text = '"A","B"\r\n"ü😀","say ""hi"""\r\n"x","y"\r\n';
    const bytes = encode(text);
    for (let cut = 1; cut < bytes.length; cut++) {
      const scanner = new Utf8CsvScanner({ lineEnding: 'CRLF' });
      expect(scanAll(scanner, bytes, [cut])).toEqual([
        ['ü😀', 'say "hi"'],
        ['x', 'y'],
      ]);
    }
  });

  it('values of a row are back to back, NUL-separated, and each range is its value', () => {
    const scanner = new Utf8CsvScanner();
    const batch = scanner.push(encode('A,B,C\n"1","",3\n'));
    expect(batch.count).toBe(1);
    expect(batch.width).toBe(3);
    expect(Array.from(batch.bytes)).toEqual([49, 0, 0, 51]);
    expect([batch.starts[0], batch.ends[0], batch.starts[1], batch.ends[1], batch.starts[2], batch.ends[2]]).toEqual([
      0, 1, 2, 2, 3, 4,
    ]);
  });

  it('drops a BOM (even cut in two) and NUL bytes; a trailing line ending makes no row', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...encode('"Id"\n"a\u0000b"\n\n'.slice(0, -1))]);
    for (const cuts of [[], [1], [2], [3]]) {
      const scanner = new Utf8CsvScanner({ lineEnding: 'LF' });
      expect(scanAll(scanner, bytes, cuts)).toEqual([['ab']]);
      expect(scanner.columns).toEqual(['Id']);
    }
  });

  it('takes the line ending from the header when none is given', () => {
    const crlf = new Utf8CsvScanner();
    expect(scanAll(crlf, encode('A,B\r\n1,2\r\n"3","4"\r\n'))).toEqual([
      ['1', '2'],
      ['3', '4'],
    ]);
    // a LF file keeps a CR that ends a value
    const lf = new Utf8CsvScanner();
    expect(scanAll(lf, encode('A,B\n1,2\r\n'))).toEqual([['1', '2\r']]);
  });

  it('reads the last row without a line ending, and a header-only or empty file as no rows', () => {
    expect(scanAll(new Utf8CsvScanner(), encode('A,B\n1,"2"'))).toEqual([['1', '2']]);
    expect(scanAll(new Utf8CsvScanner(), encode('A,B\n1,'))).toEqual([['1', '']]);
    const headerOnly = new Utf8CsvScanner();
    expect(scanAll(headerOnly, encode('"A","B"\n'))).toEqual([]);
    expect(headerOnly.columns).toEqual(['A', 'B']);
    const empty = new Utf8CsvScanner();
    expect(scanAll(empty, new Uint8Array(0))).toEqual([]);
    expect(empty.columns).toBeUndefined();
  });

  it('uses the job delimiter', () => {
    const scanner = new Utf8CsvScanner({ columnDelimiter: 'PIPE', lineEnding: 'LF' });
    expect(scanAll(scanner, encode('A|B\n"x,y"|"p|q"\n'))).toEqual([['x,y', 'p|q']]);
  });

  it('refuses a row whose field count is not the header one, naming the row', () => {
    const scanner = new Utf8CsvScanner({ lineEnding: 'LF' });
    expect(scanner.push(encode('A,B\n1,2\n')).count).toBe(1);
    const error = catchError(() => scanner.push(encode('3,4,5\n')));
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect((error as Error).message).toBe('CSV row 2 has 3 fields, the header has 2 (truncated or corrupt page)');
    expect((error as ResponseValidationError).raw).toBe('3,4,5');
  });

  it('refuses a malformed or unterminated quoted field', () => {
    const trailing = catchError(() => new Utf8CsvScanner({ lineEnding: 'LF' }).push(encode('A,B\n"1"x,2\n')));
    expect(trailing).toBeInstanceOf(ResponseValidationError);
    expect((trailing as Error).message).toBe('Malformed CSV at row 1: Trailing quote on quoted field is malformed');
    const scanner = new Utf8CsvScanner({ lineEnding: 'LF' });
    // an open quote may still be closed by the next chunk: nothing is wrong yet
    expect(scanner.push(encode('A\n"open\n')).count).toBe(0);
    const unterminated = catchError(() => scanner.end());
    expect((unterminated as Error).message).toBe('Malformed CSV at row 1: Quoted field unterminated');
    const header = catchError(() => withPushed('"A\n').end());
    expect((header as Error).message).toBe('Malformed CSV at row 0: Quoted field unterminated');
  });

  it('refuses a duplicate or __proto__ header column', () => {
    for (const header of ['A,A\n', '__proto__\n']) {
      const error = catchError(() => new Utf8CsvScanner().push(encode(header)));
      expect(error).toBeInstanceOf(ResponseValidationError);
      expect((error as Error).message).toMatch(/^CSV header has a duplicate or invalid column/);
    }
  });

  it('limits fields and rows in characters, not bytes', () => {
    // 4 characters of 2 bytes each: within a 4-character limit though 8 bytes long
    const wide = new Utf8CsvScanner({ maxFieldChars: 4, maxRowChars: 20 });
    expect(scanAll(wide, encode('A,B\nüüüü,x\n'))).toEqual([['üüüü', 'x']]);
    const field = catchError(() => new Utf8CsvScanner({ maxFieldChars: 4 }).push(encode('A\nüüüüü\n')));
    expect(field).toBeInstanceOf(ResponseLimitError);
    expect((field as ResponseLimitError).limit).toBe('maxFieldChars');
    const row = catchError(() => new Utf8CsvScanner({ maxRowChars: 6 }).push(encode('A,B\n1234,56\n')));
    expect((row as ResponseLimitError).limit).toBe('maxRowChars');
    // the header row counts too
    const head = catchError(() => new Utf8CsvScanner({ maxFieldChars: 3 }).push(encode('ABCD\n')));
    expect((head as ResponseLimitError).limit).toBe('maxFieldChars');
  });

  it('stops an endless unfinished row at the row limit', () => {
    const scanner = new Utf8CsvScanner({ maxRowChars: 10, lineEnding: 'LF' });
    scanner.push(encode('A\n"'));
    scanner.push(encode('ü'.repeat(5)));
    const error = catchError(() => scanner.push(encode('x'.repeat(6))));
    expect((error as ResponseLimitError).limit).toBe('maxRowChars');
  });

  it('cannot be pushed after end', () => {
    const scanner = new Utf8CsvScanner();
    scanner.end();
    expect(scanner.end().count).toBe(0);
    expect(() => scanner.push(encode('A\n'))).toThrow(KineticError);
  });
});

function withPushed(text: string): Utf8CsvScanner {
  const scanner = new Utf8CsvScanner({ lineEnding: 'LF' });
  scanner.push(encode(text));
  return scanner;
}

function catchError(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}
