import fc from 'fast-check';
import type { ColumnDelimiter, LineEnding } from '../../../src/models/job-state.js';

/** Pieces that stress quoting: every delimiter, quotes, CR/LF, spaces, multi-byte characters. */
const TRICKY = [
  '"',
  '""',
  ',',
  ';',
  '|',
  '^',
  '`',
  '\t',
  '\r',
  '\n',
  '\r\n',
  ' ',
  '  ',
  'é',
  '€',
  '😀',
  '👩‍👩‍👧',
  '#N/A',
  'a',
  'Z9',
  '.',
  ':',
];

/** A string built from tricky pieces and random graphemes (no NUL: parsers drop it). */
export const trickyString: fc.Arbitrary<string> = fc
  .array(fc.oneof(fc.constantFrom(...TRICKY), fc.string({ unit: 'grapheme', maxLength: 3 })), { maxLength: 6 })
  .map((parts) => parts.join('').replaceAll('\0', ''));

/** A column name; a BOM at the very start of a file is dropped by design, and `__proto__` is no field name. */
export const columnName: fc.Arbitrary<string> = fc
  .oneof(fc.constantFrom('Id', 'Name', 'Account.External_Key__c', 'Lead:Who.Email', ' spaced ', ''), trickyString)
  .filter((name) => name !== '__proto__' && !name.startsWith('\uFEFF'));

/** Any value a record may hold for a CSV cell. */
export const cellValue: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: trickyString, weight: 4 },
  fc.constant(null),
  fc.constant(undefined),
  fc.boolean(),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.date({ noInvalidDate: true }),
);

/** Records with at least one field each. */
export const records: fc.Arbitrary<Record<string, unknown>[]> = fc.array(
  fc.dictionary(columnName, cellValue, { minKeys: 1, maxKeys: 5 }),
  {
    maxLength: 8,
  },
);

export const dialect: fc.Arbitrary<{ columnDelimiter: ColumnDelimiter; lineEnding: LineEnding }> = fc.record({
  columnDelimiter: fc.constantFrom<ColumnDelimiter>('BACKQUOTE', 'CARET', 'COMMA', 'PIPE', 'SEMICOLON', 'TAB'),
  lineEnding: fc.constantFrom<LineEnding>('LF', 'CRLF'),
});

/** Cut points into a length, for random chunking. */
export const cuts: fc.Arbitrary<number[]> = fc.array(fc.nat(), { maxLength: 6 });

/** Splits bytes at the given cut points (taken modulo the length). */
export function chunk(bytes: Uint8Array, at: readonly number[]): Uint8Array[] {
  const points = [...new Set(at.map((n) => n % (bytes.length + 1)))].sort((a, b) => a - b);
  const out: Uint8Array[] = [];
  let from = 0;
  for (const point of [...points, bytes.length]) {
    out.push(bytes.subarray(from, point));
    from = point;
  }
  return out;
}

/** The header Salesforce should see: the union of keys in first-seen order (computed independently of the writer). */
export function unionOfKeys(input: readonly Record<string, unknown>[]): string[] {
  const seen = new Set<string>();
  for (const record of input) for (const key of Object.keys(record)) seen.add(key);
  return [...seen];
}

/** Asserts a parsed cell is what the value must read back as. */
export function expectCell(parsed: string | undefined, value: unknown): void {
  if (typeof value === 'number') {
    expect(parsed).not.toMatch(/e/i);
    expect(Number(parsed)).toBe(value === 0 ? 0 : value);
  } else {
    expect(parsed).toBe(expectedText(value));
  }
}

function expectedText(value: unknown): string {
  if (value === null) return '#N/A';
  if (value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  return String(value);
}

/** Asserts rows parsed back from a CSV hold exactly the records (null → #N/A, undefined or absent → empty). */
export function expectSameRecords(
  columns: readonly string[],
  rows: readonly Record<string, string>[],
  input: readonly Record<string, unknown>[],
): void {
  expect(columns).toEqual(unionOfKeys(input));
  expect(rows).toHaveLength(input.length);
  input.forEach((record, i) => {
    const row = rows[i] ?? {};
    expect(Object.keys(row)).toEqual(columns);
    for (const column of columns) expectCell(row[column], Object.hasOwn(record, column) ? record[column] : undefined);
  });
}
