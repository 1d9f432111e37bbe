import { decodeStringLiteral } from './decode-string-literal.js';
import { malformed, unexpectedToken } from './soql-error.js';
import { parseDateOnly, parseDateTime } from './temporal.js';

/** One lexical token; `start` is its offset in the SOQL text. */
export type SoqlToken =
  | { readonly kind: 'ident'; readonly text: string; readonly start: number }
  | {
      readonly kind: 'string';
      readonly text: string;
      readonly start: number;
      readonly value: string;
      readonly literalWildcards: readonly number[];
    }
  | { readonly kind: 'number'; readonly text: string; readonly start: number; readonly value: number }
  | { readonly kind: 'date'; readonly text: string; readonly start: number }
  | { readonly kind: 'datetime'; readonly text: string; readonly start: number; readonly epochMs: number }
  | { readonly kind: 'punct'; readonly text: string; readonly start: number }
  | { readonly kind: 'eof'; readonly text: '<EOF>'; readonly start: number };

const WHITESPACE = /\s+/y;
const IDENT = /[A-Za-z][A-Za-z0-9_]*/y;
// Loose shape first, then a strict check, so `2024-13-01` is reported whole rather than
// split into a number and leftovers.
const TEMPORAL = /\d{4}-\d{2}-\d{2}(?:T[0-9:.]*(?:Z|[+-][0-9:]*)?)?/iy;
const NUMBER = /[+-]?(?:\d+(?:\.\d+)?|\.\d+)/y;
const PUNCT = /!=|<>|<=|>=|[=<>,().:]/y;
const IDENT_CHAR = /[A-Za-z0-9_]/;

function matchAt(re: RegExp, text: string, at: number): string | undefined {
  re.lastIndex = at;
  return re.exec(text)?.[0];
}

function temporalToken(raw: string, text: string, start: number): SoqlToken {
  if (raw.length === 10) {
    if (parseDateOnly(raw) !== undefined) return { kind: 'date', text: raw, start };
  } else {
    const epochMs = parseDateTime(raw);
    if (epochMs !== undefined) return { kind: 'datetime', text: raw, start, epochMs };
  }
  throw malformed(`invalid date or dateTime literal: ${raw}`, text, start);
}

function rejectGlued(text: string, end: number): void {
  // `5abc` or `2024-01-01x` is one bad token, not two good ones.
  const next = text[end];
  if (next !== undefined && IDENT_CHAR.test(next)) {
    const tail = matchAt(/[A-Za-z0-9_]+/y, text, end) ?? next;
    throw unexpectedToken(tail, text, end);
  }
}

function readToken(text: string, at: number): SoqlToken {
  const ch = text[at] as string;
  if (ch === "'") {
    const decoded = decodeStringLiteral(text, at);
    const raw = text.slice(at, decoded.end);
    return { kind: 'string', text: raw, start: at, value: decoded.value, literalWildcards: decoded.literalWildcards };
  }
  const temporal = matchAt(TEMPORAL, text, at);
  if (temporal !== undefined) {
    rejectGlued(text, at + temporal.length);
    return temporalToken(temporal, text, at);
  }
  const number = matchAt(NUMBER, text, at);
  if (number !== undefined) {
    rejectGlued(text, at + number.length);
    return { kind: 'number', text: number, start: at, value: Number(number) };
  }
  const ident = matchAt(IDENT, text, at);
  if (ident !== undefined) return { kind: 'ident', text: ident, start: at };
  const punct = matchAt(PUNCT, text, at);
  if (punct !== undefined) return { kind: 'punct', text: punct, start: at };
  throw unexpectedToken(ch, text, at);
}

/**
 * Splits SOQL text into tokens, ending with one `eof` token.
 *
 * @throws SoqlError `MALFORMED_QUERY` for characters SOQL does not use, bad string escapes,
 *   unterminated strings and impossible dates.
 */
export function tokenize(text: string): SoqlToken[] {
  const tokens: SoqlToken[] = [];
  let at = 0;
  for (;;) {
    at += matchAt(WHITESPACE, text, at)?.length ?? 0;
    if (at >= text.length) break;
    const token = readToken(text, at);
    tokens.push(token);
    at += token.text.length;
  }
  tokens.push({ kind: 'eof', text: '<EOF>', start: text.length });
  return tokens;
}
