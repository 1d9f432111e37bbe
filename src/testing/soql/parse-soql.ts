import { parseCondition } from './parse-condition.js';
import type { SoqlCondition, SoqlOrderBy, SoqlQuery } from './soql-ast.js';
import { malformed, notSupportedByEmulator, notSupportedInBulk } from './soql-error.js';
import { TokenCursor } from './token-cursor.js';
import { tokenize } from './tokenize.js';

const AGGREGATES = new Set(['COUNT', 'COUNT_DISTINCT', 'SUM', 'AVG', 'MIN', 'MAX']);

// Messages for clauses Bulk API 2.0 refuses (code FeatureNotEnabled, see soql-error.ts).
const SUBQUERY_MESSAGE = 'Aggregate Relationships not supported in Bulk V2 Query with CSV content type';

function parseSelectItem(cur: TokenCursor): string {
  if (cur.isPunct('(') && cur.isKeyword('SELECT', 1)) throw notSupportedInBulk(SUBQUERY_MESSAGE);
  if (cur.isKeyword('TYPEOF') && cur.peek(1).kind === 'ident') {
    throw notSupportedInBulk('TYPEOF not supported in Bulk V2 Query');
  }
  const token = cur.peek();
  if (token.kind === 'ident' && cur.isPunct('(', 1)) {
    if (AGGREGATES.has(token.text.toUpperCase())) {
      throw notSupportedInBulk('Aggregate functions not supported in Bulk V2 Query');
    }
    // toLabel(), FORMAT(), convertCurrency(), FIELDS(): the emulator returns stored values only.
    throw notSupportedByEmulator(`The function ${token.text}() in the select list`);
  }
  return cur.expectPath();
}

function parseSelectList(cur: TokenCursor): string[] {
  const fields: string[] = [];
  const seen = new Set<string>();
  do {
    const start = cur.peek().start;
    const field = parseSelectItem(cur);
    const key = field.toLowerCase();
    // Salesforce's text; its error code is unconfirmed (MALFORMED_QUERY chosen, as a parse-time check).
    if (seen.has(key)) throw malformed(`duplicate field selected: ${field}`, cur.source, start);
    seen.add(key);
    fields.push(field);
  } while (cur.acceptPunct(','));
  return fields;
}

function parseOrderBy(cur: TokenCursor): SoqlOrderBy[] {
  cur.expectKeyword('ORDER');
  cur.expectKeyword('BY');
  const keys: SoqlOrderBy[] = [];
  do {
    const field = cur.expectPath();
    let direction: 'ASC' | 'DESC' = 'ASC';
    if (cur.acceptKeyword('DESC')) direction = 'DESC';
    else cur.acceptKeyword('ASC');
    // Nulls sort as the lowest value unless told otherwise: first ascending, last descending.
    let nulls: 'FIRST' | 'LAST' = direction === 'ASC' ? 'FIRST' : 'LAST';
    if (cur.acceptKeyword('NULLS')) {
      if (cur.acceptKeyword('FIRST')) nulls = 'FIRST';
      else if (cur.acceptKeyword('LAST')) nulls = 'LAST';
      else throw cur.unexpected();
    }
    keys.push({ field, direction, nulls });
  } while (cur.acceptPunct(','));
  return keys;
}

function parseLimit(cur: TokenCursor): number {
  const token = cur.peek();
  if (token.kind !== 'number' || !/^\d+$/.test(token.text) || !Number.isSafeInteger(token.value)) {
    throw cur.unexpected();
  }
  cur.next();
  return token.value;
}

function rejectBulkOnlyClauses(cur: TokenCursor): void {
  if (cur.isKeyword('GROUP') && cur.isKeyword('BY', 1))
    throw notSupportedInBulk('GROUP BY not supported in Bulk V2 Query');
  if (cur.isKeyword('OFFSET')) throw notSupportedInBulk('OFFSET not supported in Bulk V2 Query');
}

/**
 * Parses the SOQL subset a Bulk API 2.0 query job accepts:
 * `SELECT f1, Parent.f2 FROM Object [WHERE ...] [ORDER BY f [ASC|DESC] [NULLS FIRST|LAST], ...] [LIMIT n]`.
 * Keywords are case-insensitive; names are kept as written.
 *
 * @throws SoqlError `MALFORMED_QUERY` for syntax errors (`unexpected token: SELEKT`);
 *   `FeatureNotEnabled` for GROUP BY, OFFSET, TYPEOF, aggregate functions and parent-to-child
 *   subqueries; `EMULATOR_UNSUPPORTED` for legal SOQL the emulator does not evaluate.
 */
export function parseSoql(text: string): SoqlQuery {
  const cur = new TokenCursor(tokenize(text), text);
  cur.expectKeyword('SELECT');
  const fields = parseSelectList(cur);
  cur.expectKeyword('FROM');
  const object = cur.expectName();
  let where: SoqlCondition | undefined;
  if (cur.acceptKeyword('WHERE')) where = parseCondition(cur);
  rejectBulkOnlyClauses(cur);
  const orderBy = cur.isKeyword('ORDER') ? parseOrderBy(cur) : [];
  rejectBulkOnlyClauses(cur);
  const limit = cur.acceptKeyword('LIMIT') ? parseLimit(cur) : undefined;
  rejectBulkOnlyClauses(cur);
  if (cur.peek().kind !== 'eof') throw cur.unexpected();
  return {
    object,
    fields,
    ...(where !== undefined ? { where } : {}),
    orderBy,
    ...(limit !== undefined ? { limit } : {}),
  };
}
