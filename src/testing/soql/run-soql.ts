import { compareKeys } from './compare-for-order.js';
import { compileCondition } from './compile-condition.js';
import type { SoqlQuery, SoqlResolve, SoqlRow } from './soql-ast.js';

/** Options for {@link runSoql}. */
export interface RunSoqlOptions {
  /** The instant `TODAY`, `LAST_N_DAYS:n`... are relative to (UTC). Default: the current time. */
  readonly now?: Date;
}

/**
 * Runs a parsed query over stored rows: filters with WHERE, sorts with ORDER BY (stable, so
 * ties keep storage order), applies LIMIT, and projects each row to the select list. Result
 * keys are the select-list entries as written; values come from `resolve` (`undefined` → null).
 *
 * @example
 * ```ts
 * const rows = [{ Name: 'Acme', Rating: 'Hot' }, { Name: 'Globex', Rating: null }];
 * runSoql(parseSoql("SELECT Name FROM Account WHERE Rating = 'hot'"), rows, (r, p) => r[p]);
 * // → [{ Name: 'Acme' }]
 * ```
 */
export function runSoql(
  query: SoqlQuery,
  rows: Iterable<SoqlRow>,
  resolve: SoqlResolve,
  options: RunSoqlOptions = {},
): SoqlRow[] {
  const keep = query.where ? compileCondition(query.where, resolve, options.now ?? new Date()) : () => true;
  const limit = query.limit ?? Number.POSITIVE_INFINITY;
  const unsorted = query.orderBy.length === 0;
  let selected: SoqlRow[] = [];
  // Without ORDER BY the first `limit` matches are the answer: stop reading rows there.
  const enough = (): boolean => unsorted && selected.length >= limit;
  if (!enough()) {
    for (const row of rows) {
      if (keep(row)) selected.push(row);
      if (enough()) break;
    }
  }
  if (!unsorted) {
    const keyed = selected.map((row) => ({ row, keys: query.orderBy.map((o) => resolve(row, o.field)) }));
    keyed.sort((a, b) => compareKeys(query.orderBy, a.keys, b.keys));
    selected = keyed.slice(0, limit).map((k) => k.row);
  }
  return selected.map((row) => Object.fromEntries(query.fields.map((field) => [field, resolve(row, field) ?? null])));
}
