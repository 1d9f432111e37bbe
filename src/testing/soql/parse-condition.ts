import type { SoqlComparisonOperator, SoqlCondition, SoqlLiteral } from './soql-ast.js';
import { notSupportedByEmulator } from './soql-error.js';
import { parseLiteral } from './parse-literal.js';
import type { TokenCursor } from './token-cursor.js';

const OPERATORS: Readonly<Record<string, SoqlComparisonOperator>> = {
  '=': '=',
  '!=': '!=',
  '<>': '!=',
  '<': '<',
  '<=': '<=',
  '>': '>',
  '>=': '>=',
};

function parseInList(cur: TokenCursor, field: string, negated: boolean): SoqlCondition {
  cur.expectPunct('(');
  // Semi-joins (`Id IN (SELECT ...)`) are valid in Bulk 2.0 but need other objects' rows.
  if (cur.isKeyword('SELECT')) throw notSupportedByEmulator('A semi-join or anti-join subquery');
  const values: SoqlLiteral[] = [parseLiteral(cur)];
  while (cur.acceptPunct(',')) values.push(parseLiteral(cur));
  cur.expectPunct(')');
  return { kind: 'in', field, negated, values };
}

function parseSimple(cur: TokenCursor): SoqlCondition {
  if (cur.peek().kind === 'ident' && cur.isPunct('(', 1)) {
    // CALENDAR_YEAR(CreatedDate) = 2024, DISTANCE(...): legal SOQL the emulator does not evaluate.
    throw notSupportedByEmulator(`The function ${cur.peek().text}() in WHERE`);
  }
  const field = cur.expectPath();
  if (cur.acceptKeyword('NOT')) {
    cur.expectKeyword('IN');
    return parseInList(cur, field, true);
  }
  if (cur.acceptKeyword('IN')) return parseInList(cur, field, false);
  if (cur.acceptKeyword('LIKE')) {
    const token = cur.peek();
    if (token.kind !== 'string' && !cur.isKeyword('NULL')) throw cur.unexpected();
    return { kind: 'comparison', field, operator: 'LIKE', value: parseLiteral(cur) };
  }
  const token = cur.peek();
  const operator = token.kind === 'punct' ? OPERATORS[token.text] : undefined;
  if (operator === undefined) throw cur.unexpected();
  cur.next();
  return { kind: 'comparison', field, operator, value: parseLiteral(cur) };
}

function parseTerm(cur: TokenCursor): SoqlCondition {
  if (cur.acceptKeyword('NOT')) return { kind: 'not', operand: parseTerm(cur) };
  if (cur.acceptPunct('(')) {
    const inner = parseCondition(cur);
    cur.expectPunct(')');
    return inner;
  }
  return parseSimple(cur);
}

/**
 * Parses a WHERE condition. SOQL has no precedence between AND and OR: one level holds only
 * ANDs or only ORs, and `a AND b OR c` is a syntax error at the `OR` (parentheses required).
 *
 * @throws SoqlError `MALFORMED_QUERY` on a syntax error, `EMULATOR_UNSUPPORTED` for
 *   semi-joins and functions.
 */
export function parseCondition(cur: TokenCursor): SoqlCondition {
  const first = parseTerm(cur);
  const joiner = cur.isKeyword('AND') ? 'AND' : cur.isKeyword('OR') ? 'OR' : undefined;
  if (joiner === undefined) return first;
  const operands: SoqlCondition[] = [first];
  while (cur.acceptKeyword(joiner)) operands.push(parseTerm(cur));
  if (cur.isKeyword(joiner === 'AND' ? 'OR' : 'AND')) throw cur.unexpected();
  return { kind: joiner === 'AND' ? 'and' : 'or', operands };
}
