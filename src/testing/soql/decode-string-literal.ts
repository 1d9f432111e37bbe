import { malformed } from './soql-error.js';

/** A decoded SOQL string literal. */
export interface DecodedString {
  readonly value: string;
  /** Indexes in `value` of `%`/`_` that were escaped (`\%`, `\_`), so LIKE takes them literally. */
  readonly literalWildcards: readonly number[];
  /** Offset just past the closing quote. */
  readonly end: number;
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  n: '\n',
  r: '\r',
  t: '\t',
  b: '\b',
  f: '\f',
  '"': '"',
  "'": "'",
  '\\': '\\',
};

/**
 * Decodes the single-quoted literal starting at `start` (the quote) in `text`.
 * SOQL escapes: `\n \r \t \b \f` (either case), `\" \' \\`, `\uXXXX`, and `\% \_` for LIKE.
 *
 * @throws SoqlError `MALFORMED_QUERY` for an unknown escape or a missing closing quote.
 */
export function decodeStringLiteral(text: string, start: number): DecodedString {
  let value = '';
  const literalWildcards: number[] = [];
  let i = start + 1;
  while (i < text.length) {
    const ch = text[i] as string;
    if (ch === "'") return { value, literalWildcards, end: i + 1 };
    if (ch !== '\\') {
      value += ch;
      i += 1;
      continue;
    }
    const next = text[i + 1];
    if (next === undefined) break;
    const simple = SIMPLE_ESCAPES[next] ?? SIMPLE_ESCAPES[next.toLowerCase()];
    if (simple !== undefined) {
      value += simple;
      i += 2;
    } else if (next === '%' || next === '_') {
      literalWildcards.push(value.length);
      value += next;
      i += 2;
    } else if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
      value += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16));
      i += 6;
    } else {
      const literal = text.slice(start, text.indexOf("'", i + 2) + 1 || undefined);
      throw malformed(
        `Invalid string literal ${literal}. Illegal character sequence '\\${next}' in string literal.`,
        text,
        i,
      );
    }
  }
  throw malformed(`unterminated string literal: ${text.slice(start)}`, text, start);
}
