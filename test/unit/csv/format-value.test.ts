import { ValidationError } from '../../../src/errors/validation-error.js';
import {
  DELIMITER_CHARACTERS,
  LINE_ENDING_CHARACTERS,
  resolveDelimiter,
  resolveLineEnding,
} from '../../../src/csv/delimiters.js';
import { formatValue, NULL_VALUE, quoteCsvValue } from '../../../src/csv/format-value.js';
import type { ColumnDelimiter, LineEnding } from '../../../src/models/job-state.js';
import { catchError } from '../../support/catch-error.js';

describe('delimiters', () => {
  it('maps every columnDelimiter and lineEnding to its characters', () => {
    expect(DELIMITER_CHARACTERS).toEqual({
      BACKQUOTE: '`',
      CARET: '^',
      COMMA: ',',
      PIPE: '|',
      SEMICOLON: ';',
      TAB: '\t',
    });
    expect(LINE_ENDING_CHARACTERS).toEqual({ LF: '\n', CRLF: '\r\n' });
  });

  it('defaults to COMMA and LF and rejects unknown names', () => {
    expect(resolveDelimiter(undefined)).toBe(',');
    expect(resolveLineEnding(undefined)).toBe('\n');
    expect(resolveDelimiter('PIPE')).toBe('|');
    expect(() => resolveDelimiter('COLON' as ColumnDelimiter)).toThrow(ValidationError);
    expect(() => resolveDelimiter('toString' as ColumnDelimiter)).toThrow(ValidationError);
    expect(() => resolveLineEnding('CR' as LineEnding)).toThrow(ValidationError);
  });
});

describe('formatValue', () => {
  it('writes null as #N/A (set to null) and undefined as empty (leave unchanged)', () => {
    expect(formatValue(null, 'Phone')).toBe('#N/A');
    expect(NULL_VALUE).toBe('#N/A');
    expect(formatValue(undefined, 'Phone')).toBe('');
  });

  it('writes Dates as ISO 8601 UTC and rejects invalid Dates naming the field', () => {
    expect(formatValue(new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 6)), 'CloseDate')).toBe('2024-01-02T03:04:05.006Z');
    const error = catchError(() => formatValue(new Date('nope'), 'CloseDate', 7));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ field: 'CloseDate', index: 7 });
    expect((error as Error).message).toContain('CloseDate');
  });

  it('writes booleans, bigints and strings as they are (never trimmed)', () => {
    expect(formatValue(true, 'a')).toBe('true');
    expect(formatValue(false, 'a')).toBe('false');
    expect(formatValue(12345678901234567890123n, 'a')).toBe('12345678901234567890123');
    expect(formatValue('  padded  ', 'a')).toBe('  padded  ');
    expect(formatValue('', 'a')).toBe('');
  });

  it.each([
    [1e21, '1000000000000000000000'],
    [1.5e21, '1500000000000000000000'],
    [-1.2345e25, '-12345000000000000000000000'],
    [1e-7, '0.0000001'],
    [-2.5e-7, '-0.00000025'],
    [1.2345e-10, '0.00000000012345'],
    [Number.MIN_VALUE, `0.${'0'.repeat(323)}5`],
    [123.456, '123.456'],
    [-0, '0'],
    [0.000001, '0.000001'],
    [912260031, '912260031'],
  ])('writes the number %p without an exponent', (value, expected) => {
    expect(formatValue(value, 'n')).toBe(expected);
    expect(Number(formatValue(value, 'n'))).toBe(value === 0 ? 0 : value);
  });

  it.each([NaN, Infinity, -Infinity])('rejects %p', (value) => {
    expect(() => formatValue(value, 'Amount')).toThrow(ValidationError);
  });

  it.each([
    ['an array', [1]],
    ['a plain object', { a: 1 }],
    ['a class instance', new Map()],
    ['a symbol', Symbol('s')],
    ['a function', () => 1],
  ])('rejects %s, naming the field but not the value', (_, value) => {
    const error = catchError(() => formatValue(value, 'Secret__c'));
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).field).toBe('Secret__c');
  });
});

describe('quoteCsvValue', () => {
  it('leaves plain values alone', () => {
    expect(quoteCsvValue('plain value', ',')).toBe('plain value');
    expect(quoteCsvValue(' lead and trail ', ',')).toBe(' lead and trail ');
    expect(quoteCsvValue('a;b', ',')).toBe('a;b');
  });

  it('quotes values holding the delimiter, a quote, CR or LF, doubling quotes', () => {
    expect(quoteCsvValue('a,b', ',')).toBe('"a,b"');
    expect(quoteCsvValue('the "gold" standard', ',')).toBe('"the ""gold"" standard"');
    expect(quoteCsvValue('a\nb', ',')).toBe('"a\nb"');
    expect(quoteCsvValue('a\rb', ',')).toBe('"a\rb"');
  });

  it.each(Object.entries(DELIMITER_CHARACTERS))(
    'quotes on the %s delimiter only when it is the delimiter',
    (_, delimiter) => {
      expect(quoteCsvValue(`x${delimiter}y`, delimiter)).toBe(`"x${delimiter}y"`);
      const other = delimiter === ',' ? ';' : ',';
      expect(quoteCsvValue(`x${other}y`, delimiter)).toBe(`x${other}y`);
      // characters a pattern of the delimiter could mistake for syntax are plain text
      for (const text of ['a-b', 'a\\b', 'a]b', 'a^b', 'a|b', 'a`b', 'a\tb', 'a;b'])
        if (!text.includes(delimiter)) expect(quoteCsvValue(text, delimiter)).toBe(text);
      expect(quoteCsvValue(`q"${delimiter}`, delimiter)).toBe(`"q""${delimiter}"`);
    },
  );
});
