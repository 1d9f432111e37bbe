import { relativeDateKind } from './date-literals.js';
import type { SoqlLiteral } from './soql-ast.js';
import type { TokenCursor } from './token-cursor.js';

function parseAmount(cur: TokenCursor): number {
  cur.expectPunct(':');
  const token = cur.peek();
  if (token.kind !== 'number' || !/^\d+$/.test(token.text)) throw cur.unexpected();
  cur.next();
  return token.value;
}

function parseWord(cur: TokenCursor, word: string): SoqlLiteral {
  const upper = word.toUpperCase();
  if (upper === 'NULL') return { kind: 'null' };
  if (upper === 'TRUE' || upper === 'FALSE') return { kind: 'boolean', value: upper === 'TRUE' };
  const relative = relativeDateKind(upper);
  if (relative === 'fixed') return { kind: 'relativeDate', name: upper };
  if (relative === 'withAmount') return { kind: 'relativeDate', name: upper, amount: parseAmount(cur) };
  throw cur.unexpected(-1);
}

/**
 * Parses one literal: a quoted string, a number, a date or date-time, `NULL`, `TRUE`/`FALSE`,
 * or a relative date (`TODAY`, `LAST_N_DAYS:7`).
 *
 * @throws SoqlError `MALFORMED_QUERY` when the current token is none of these.
 */
export function parseLiteral(cur: TokenCursor): SoqlLiteral {
  const token = cur.peek();
  switch (token.kind) {
    case 'string':
      cur.next();
      return token.literalWildcards.length > 0
        ? { kind: 'string', value: token.value, literalWildcards: token.literalWildcards }
        : { kind: 'string', value: token.value };
    case 'number':
      cur.next();
      return { kind: 'number', value: token.value };
    case 'date':
      cur.next();
      return { kind: 'date', value: token.text };
    case 'datetime':
      cur.next();
      return { kind: 'datetime', value: token.text, epochMs: token.epochMs };
    case 'ident':
      cur.next();
      return parseWord(cur, token.text);
    default:
      throw cur.unexpected();
  }
}
