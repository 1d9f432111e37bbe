import { detectCsvDialect, headerLine } from '../../../src/csv/detect-csv-dialect.js';

describe('detectCsvDialect', () => {
  it('reads the delimiter and line ending of the header line', () => {
    expect(detectCsvDialect('Name,Industry\nAcme,Tech\n')).toEqual({
      ok: true,
      dialect: { columnDelimiter: 'COMMA', lineEnding: 'LF' },
      detected: [],
    });
    // Excel on Windows, in a European locale
    expect(detectCsvDialect('\uFEFFName;Industry\r\nAcme;Tech\r\n')).toEqual({
      ok: true,
      dialect: { columnDelimiter: 'SEMICOLON', lineEnding: 'CRLF' },
      detected: ['lineEnding', 'columnDelimiter'],
    });
    for (const [text, columnDelimiter] of [
      ['Id\tName\n', 'TAB'],
      ['Id|Name\n', 'PIPE'],
      ['Id^Name\n', 'CARET'],
      ['Id`Name\n', 'BACKQUOTE'],
      ['Id\n001\n', 'COMMA'], // one column
      ['"Name, quoted";Industry\n', 'SEMICOLON'], // inside quotes does not count
    ] as const)
      expect(detectCsvDialect(text)).toMatchObject({ ok: true, dialect: { columnDelimiter } });
  });

  it('a header line without a line break (a one-line file, or only its start) keeps LF', () => {
    expect(detectCsvDialect('Name;Industry')).toMatchObject({
      ok: true,
      dialect: { columnDelimiter: 'SEMICOLON', lineEnding: 'LF' },
    });
  });

  it('two different delimiters in the header: an error that names --delimiter', () => {
    expect(detectCsvDialect('Name,Industry;Rating\n')).toEqual({
      ok: false,
      option: 'columnDelimiter',
      message: "the header line holds ',' and ';': say which one separates the columns with --delimiter",
    });
  });

  it('checks what it was given against the header line', () => {
    expect(detectCsvDialect('Name,Industry\r\n', { lineEnding: 'LF' })).toEqual({
      ok: false,
      option: 'lineEnding',
      message: 'the header line ends with CRLF (a Windows file): use --line-ending CRLF',
    });
    expect(detectCsvDialect('Name,Industry\n', { lineEnding: 'CRLF' })).toMatchObject({
      ok: false,
      option: 'lineEnding',
    });
    expect(detectCsvDialect('Name;Industry\n', { columnDelimiter: 'COMMA' })).toEqual({
      ok: false,
      option: 'columnDelimiter',
      message: "the header line has no ',' but has ';': use --delimiter SEMICOLON",
    });
    // given and consistent, or a one-column file: taken as given, nothing detected
    expect(detectCsvDialect('Name;Industry\r\n', { columnDelimiter: 'SEMICOLON', lineEnding: 'CRLF' })).toEqual({
      ok: true,
      dialect: { columnDelimiter: 'SEMICOLON', lineEnding: 'CRLF' },
      detected: [],
    });
    expect(detectCsvDialect('Id\n', { columnDelimiter: 'TAB' })).toMatchObject({ ok: true });
  });

  it('headerLine stops at the first line feed outside quotes', () => {
    expect(headerLine('"A\nB",C\nrow\n')).toBe('"A\nB",C\n');
    expect(headerLine('\uFEFFA\r\nB')).toBe('A\r\n');
    expect(headerLine('A,B')).toBe('A,B');
  });
});
