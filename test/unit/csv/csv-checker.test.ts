import fc from 'fast-check';
import { CsvChecker, type CsvCheck } from '../../../src/csv/csv-checker.js';
import type { CsvDialect } from '../../../src/csv/detect-csv-dialect.js';
import { recordsToCsv } from '../../../src/csv/records-to-csv.js';
import { cuts, dialect, records } from './csv-arbitraries.js';

const LF: CsvDialect = { columnDelimiter: 'COMMA', lineEnding: 'LF' };

function checkCsv(text: string, csv: CsvDialect = LF, pieces: readonly string[] = [text]): CsvCheck {
  const checker = new CsvChecker(csv);
  for (const piece of pieces) checker.push(piece);
  return checker.end();
}

/** Splits text at the given cut points. */
function split(text: string, at: readonly number[]): string[] {
  const points = [...new Set(at.map((n) => n % (text.length + 1)))].sort((a, b) => a - b);
  const out: string[] = [];
  let from = 0;
  for (const point of [...points, text.length]) {
    out.push(text.slice(from, point));
    from = point;
  }
  return out;
}

describe('CsvChecker', () => {
  it('counts the rows and columns of a well-formed file (quoted values, blank lines, a BOM, no final line ending)', () => {
    expect(checkCsv('\uFEFFName,Note\nA,"x, ""y""\nz"\n\nB,\n"",C')).toEqual({
      rows: 3,
      columns: 2,
      problem: undefined,
    });
    expect(
      checkCsv('Name;Note\r\nA;"multi\r\nline"\r\n', { columnDelimiter: 'SEMICOLON', lineEnding: 'CRLF' }),
    ).toEqual({ rows: 1, columns: 2, problem: undefined });
  });

  it('an unterminated quote: the row and line where the quoted value starts', () => {
    const rows = Array.from({ length: 89_999 }, (_, i) => `Row ${i},Tech`);
    const text = `Name,Industry\n${rows.join('\n')}\n"Row 90000, unterminated,Tech\nRow 90001,Tech\n`;
    expect(checkCsv(text).problem).toEqual({
      row: 90_000,
      line: 90_001,
      message: 'a quoted value starts here and never ends (unterminated quote)',
    });
  });

  it('names the row and line of each kind of problem', () => {
    const cases: [string, CsvDialect, { row: number; line: number; message: RegExp }][] = [
      ['A,B\n1,2\n3\n', LF, { row: 2, line: 3, message: /^it has 1 columns, the header has 2$/ }],
      ['A,B\n1,2,3\n', LF, { row: 1, line: 2, message: /it has 3 columns/ }],
      [
        'A,B\n"multi\nline",2\n5" screen,x\n',
        LF,
        { row: 2, line: 4, message: /^a double quote inside an unquoted value/ },
      ],
      ['A,B\n"x"y,2\n', LF, { row: 1, line: 2, message: /^text follows the closing quote/ }],
      ['A,B\r\n1,2\r\n', LF, { row: 0, line: 1, message: /use --line-ending CRLF$/ }],
      [
        'A,B\r\n1,2\n',
        { columnDelimiter: 'COMMA', lineEnding: 'CRLF' },
        { row: 1, line: 2, message: /use --line-ending LF$/ },
      ],
      ['A,,C\n1,2,3\n', LF, { row: 0, line: 1, message: /^the header has no name for column 2$/ }],
      ['', LF, { row: 0, line: 1, message: /^the file is empty/ }],
      ['\n\n', LF, { row: 0, line: 1, message: /^the file is empty/ }],
    ];
    for (const [text, csv, expected] of cases) {
      const { problem } = checkCsv(text, csv);
      expect({ text, problem }).toEqual({
        text,
        problem: expect.objectContaining({ ...expected, message: expect.stringMatching(expected.message) }),
      });
    }
  });

  it('a lone CR is data, in either line ending', () => {
    expect(checkCsv('A,B\n1\r2,3\n').problem).toBeUndefined();
    expect(checkCsv('A,B\r\n1\r2,3\r\n', { columnDelimiter: 'COMMA', lineEnding: 'CRLF' }).problem).toBeUndefined();
  });

  it('finds no problem in any file recordsToCsv writes, chunked anyhow, and counts its rows (property)', () => {
    const named = records.map((input) =>
      input
        .map((record) => Object.fromEntries(Object.entries(record).filter(([key]) => key.trim() !== '')))
        .filter((record) => Object.keys(record).length > 0),
    );
    fc.assert(
      fc.property(named, dialect, cuts, (input, csv, at) => {
        const columns = new Set(input.flatMap((record) => Object.keys(record))).size;
        fc.pre(columns > 0);
        const text = recordsToCsv(input, csv);
        const result = checkCsv(text, csv, split(text, at));
        expect(result.problem).toBeUndefined();
        // a one-column file writes an empty value as a blank line, which is no row
        if (columns > 1) expect(result).toEqual({ rows: input.length, columns, problem: undefined });
      }),
      { numRuns: 300 },
    );
  });
});
