import { CsvPushParser } from '../../../src/csv/csv-push-parser.js';
import { utf8RowValues, type Utf8CsvRows } from '../../../src/csv/utf8-csv-rows.js';
import { Utf8CsvScanner } from '../../../src/csv/utf8-csv-scanner.js';
import { KineticError } from '../../../src/errors/kinetic-error.js';
import { ResponseLimitError } from '../../../src/errors/response-limit-error.js';
import { ResponseValidationError } from '../../../src/errors/response-validation-error.js';
import { catchError } from '../../support/catch-error.js';

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

  it('keeps a CR ending a value when the job says LF, and refuses a quoted value followed by CR there', () => {
    expect(scanAll(new Utf8CsvScanner({ lineEnding: 'LF' }), encode('A,B\r\n1,2\r\n'))).toEqual([['1', '2\r']]);
    const quoted = catchError(() => new Utf8CsvScanner({ lineEnding: 'LF' }).push(encode('A\n"x"\r\n')));
    expect((quoted as Error).message).toBe('Malformed CSV at row 1: Trailing quote on quoted field is malformed');
    // in a CRLF file, a CR after a closing quote must be followed by LF
    const lone = catchError(() => new Utf8CsvScanner({ lineEnding: 'CRLF' }).push(encode('A,B\r\n"x"\ry,z\r\n')));
    expect((lone as Error).message).toBe('Malformed CSV at row 1: Trailing quote on quoted field is malformed');
  });

  it('keeps to the line ending the header showed, row after row', () => {
    // a row ended by LF alone in a CRLF file does not turn the file into LF
    expect(scanAll(new Utf8CsvScanner(), encode('A,B\r\n1,2\n3,4\r\n"5","6"\r\n'))).toEqual([
      ['1', '2'],
      ['3', '4'],
      ['5', '6'],
    ]);
  });

  it('takes a lone quote inside an unquoted value as text', () => {
    expect(scanAll(new Utf8CsvScanner(), encode('A,B\n1,a"b\n'))).toEqual([['1', 'a"b']]);
  });

  it('reads long values, rows of many columns, and many rows in one chunk', () => {
    const long = 'x'.repeat(70) + '""' + 'y'.repeat(70);
    const header = Array.from({ length: 100 }, (_, i) => `C${i}`);
    const row = header.map((_, i) => (i === 5 ? `"${long}"` : String(i)));
    const rows = Array.from({ length: 500 }, () => row.join(',')).join('\n');
    const scanned = scanAll(new Utf8CsvScanner(), encode(`${header.join(',')}\n${rows}\n`));
    expect(scanned).toHaveLength(500);
    expect(scanned[499]?.[5]).toBe('x'.repeat(70) + '"' + 'y'.repeat(70));
    expect(scanned[499]?.[99]).toBe('99');
    expect(scanAll(new Utf8CsvScanner(), encode(`A\n"${'z'.repeat(100)}"\n`))).toEqual([['z'.repeat(100)]]);
  });

  it('drops NUL bytes wherever they are, the first byte of a chunk too', () => {
    const scanner = new Utf8CsvScanner({ lineEnding: 'LF' });
    expect(scanAll(scanner, new Uint8Array([0, 65, 10, 0, 0, 66, 0, 10]), [3])).toEqual([['B']]);
    expect(scanner.columns).toEqual(['A']);
  });

  it('does not take three bytes that only start like a BOM for one', () => {
    const scanner = new Utf8CsvScanner({ lineEnding: 'LF' });
    scanAll(scanner, new Uint8Array([0xef, 0xbb, 0x41, 10, 0x42, 10]));
    expect(scanner.columns).toEqual(['\ufffdA']);
    const other = new Utf8CsvScanner({ lineEnding: 'LF' });
    scanAll(other, new Uint8Array([0xef, 0x41, 0xbf, 10]));
    expect(other.columns).toEqual(['\ufffdA\ufffd']);
  });

  it('allows a field and a row exactly at their limits, and names the row over them', () => {
    const at = new Utf8CsvScanner({ maxFieldChars: 4, maxRowChars: 9 });
    // 4 + 1 + 4 = 9 characters, the header 1 + 1 + 1 = 3
    expect(scanAll(at, encode('A,B\nabcd,efgh\n😀😀,ü\n'))).toEqual([
      ['abcd', 'efgh'],
      ['😀😀', 'ü'],
    ]);
    const row = catchError(() => new Utf8CsvScanner({ maxRowChars: 9 }).push(encode('A,B\n1,2\nabcd,efghi\n')));
    expect(row).toMatchObject({ limit: 'maxRowChars', max: 9, message: expect.stringContaining('CSV row 2') });
    const field = catchError(() => new Utf8CsvScanner({ maxFieldChars: 4 }).push(encode('A\n1\n2\n😀😀😀\n')));
    expect(field).toMatchObject({ limit: 'maxFieldChars', message: expect.stringContaining('field of CSV row 3') });
    // 😀😀😀 is 12 bytes and 6 code units: over a limit of 5, within one of 6
    expect(scanAll(new Utf8CsvScanner({ maxFieldChars: 6 }), encode('A\n😀😀😀\n'))).toEqual([['😀😀😀']]);
    expect(() => new Utf8CsvScanner({ maxFieldChars: 5 }).push(encode('A\n😀😀😀\n'))).toThrow(ResponseLimitError);
  });

  it('limits the header row as any other', () => {
    expect(scanAll(new Utf8CsvScanner({ maxFieldChars: 2, maxRowChars: 5 }), encode('AB,CD\n1,2\n'))).toEqual([
      ['1', '2'],
    ]);
    const field = catchError(() => new Utf8CsvScanner({ maxFieldChars: 2 }).push(encode('ABC\n')));
    expect(field).toMatchObject({ limit: 'maxFieldChars', message: expect.stringContaining('field of CSV row 0') });
    const row = catchError(() => new Utf8CsvScanner({ maxRowChars: 4 }).push(encode('AB,CD\n')));
    expect(row).toMatchObject({ limit: 'maxRowChars', message: expect.stringContaining('CSV row 0') });
    const name = catchError(() => new Utf8CsvScanner().push(encode('A,B,A\n')));
    expect((name as Error).message).toBe('CSV header has a duplicate or invalid column "A"');
  });

  it('names the unfinished row over the row limit, before and after the header', () => {
    const early = catchError(() => new Utf8CsvScanner({ maxRowChars: 4 }).push(encode('ABCDE')));
    expect(early).toMatchObject({ limit: 'maxRowChars', message: expect.stringContaining('CSV row 0') });
    const scanner = new Utf8CsvScanner({ maxRowChars: 4 });
    scanner.push(encode('A\n1\n'));
    // exactly at the limit is still fine; one more byte is not
    scanner.push(encode('"ab'));
    const late = catchError(() => scanner.push(encode('cd')));
    expect(late).toMatchObject({ limit: 'maxRowChars', message: expect.stringContaining('CSV row 2') });
  });

  it('cannot be pushed after end', () => {
    const scanner = new Utf8CsvScanner();
    scanner.end();
    expect(scanner.end().count).toBe(0);
    expect(() => scanner.push(encode('A\n'))).toThrow(KineticError);
    expect(() => scanner.push(encode('A\n'))).toThrow('Utf8CsvScanner.push() was called after end()');
  });
});

function withPushed(text: string): Utf8CsvScanner {
  const scanner = new Utf8CsvScanner({ lineEnding: 'LF' });
  scanner.push(encode(text));
  return scanner;
}
