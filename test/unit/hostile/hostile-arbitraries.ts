import fc from 'fast-check';
import type MockAdapter from 'axios-mock-adapter';

/** Pieces that break naive CSV, JSON, SOQL, URL and spreadsheet handling. */
export const HOSTILE_PIECES = [
  '"',
  '""',
  "'",
  ',',
  ';',
  '|',
  '^',
  '`',
  '\t',
  '\r',
  '\n',
  '\r\n',
  '\n\r',
  ' ',
  '\\',
  '\\n',
  '%',
  '_',
  '%2F',
  '../',
  '?',
  '#',
  '&',
  '=',
  "=cmd|' /C calc'!A0",
  '=HYPERLINK("http://x.example")',
  '+1+1',
  '-2+3',
  '@SUM(A1)',
  '\u2028',
  '\u0085',
  'é',
  '€',
  '😀',
  '👩‍👩‍👧',
  '{"a":[1]}',
  '<b>x</b>',
  'null',
  'NULL',
  '#N/A ',
];

/** Text Salesforce can store: hostile pieces and random graphemes (never a NUL or a lone surrogate). */
export const hostileText: fc.Arbitrary<string> = fc
  .array(fc.oneof(fc.constantFrom(...HOSTILE_PIECES), fc.string({ unit: 'grapheme', maxLength: 4 })), { maxLength: 8 })
  .map((parts) => parts.join('').replaceAll('\0', ''));

/** A long field: 32 KB of repeated hostile text (quotes and line breaks included). */
export const longField: fc.Arbitrary<string> = hostileText
  .filter((t) => t.length > 0)
  .map((t) => cutAt(t.repeat(Math.ceil(32_768 / t.length)), 32_768));

/** The first `n` UTF-16 units, one less when that would split a surrogate pair. */
function cutAt(text: string, n: number): string {
  const code = text.charCodeAt(n - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? n - 1 : n);
}

/** Text a UTF-8 CSV cannot carry faithfully: a NUL or a lone surrogate somewhere in it. */
export const unstorableText: fc.Arbitrary<string> = fc
  .tuple(
    hostileText,
    fc.constantFrom('\0', '\uD800', '\uDBFF', '\uDC00', '\uDFFF', 'a\0b', '\uDC00\uD800'),
    hostileText,
  )
  .map(([a, bad, b]) => a + bad + b)
  // a high surrogate followed by a low one is a valid pair: keep only real lone ones
  .filter((t) => t.includes('\0') || !isWellFormed(t));

/** Names built to break a URL path or a CSV header. */
export const PATH_BREAKERS = [
  '../',
  '..%2F',
  '%2F',
  '/',
  '?',
  '#',
  ' ',
  '%20',
  '\\',
  '&x=1',
  ';',
  '\n',
  '\0',
  '..',
  'Account/../../limits',
  'Account?x',
  'Account#x',
  'Account ',
  ' Account',
  'Acc%2Fount',
];

/** A string that contains at least one path-breaking piece. */
export const pathBreaking: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom('', 'Account', '7505fEXAMPLE4C2AAM', 'External_Key__c'),
    fc.constantFrom(...PATH_BREAKERS),
    fc.string({ maxLength: 6 }),
  )
  .map(([a, bad, b]) => a + bad + b);

/** Whether the request log of a mock is empty (nothing was sent). */
export function nothingSent(mock: MockAdapter): boolean {
  return mock.history.length === 0;
}

function isWellFormed(text: string): boolean {
  return !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);
}
