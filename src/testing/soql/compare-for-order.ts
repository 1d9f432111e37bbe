import { isNullish } from './compile-comparison.js';
import type { SoqlOrderBy } from './soql-ast.js';
import { toEpochMs } from './temporal.js';

const ISO_LIKE = /^\d{4}-\d{2}-\d{2}/;

/** Orders two non-null values: numbers numerically, dates by instant, text case-insensitively. */
export function compareValues(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b || 0;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  if (typeof a === 'number' || typeof b === 'number') {
    const [na, nb] = [Number(a), Number(b)];
    if (Number.isFinite(na) && Number.isFinite(nb)) return na - nb || 0;
  }
  const [sa, sb] = [String(a), String(b)];
  if (ISO_LIKE.test(sa) && ISO_LIKE.test(sb)) {
    const [ta, tb] = [toEpochMs(sa), toEpochMs(sb)];
    if (ta !== undefined && tb !== undefined && ta !== tb) return ta - tb;
  }
  const [la, lb] = [sa.toLowerCase(), sb.toLowerCase()];
  return la < lb ? -1 : la > lb ? 1 : 0;
}

/**
 * Compares two rows' ORDER BY key tuples (values already resolved, in `orderBy` order).
 * Nulls (and empty strings) go where each key's `nulls` says, whatever its direction.
 */
export function compareKeys(orderBy: readonly SoqlOrderBy[], a: readonly unknown[], b: readonly unknown[]): number {
  for (let i = 0; i < orderBy.length; i += 1) {
    const key = orderBy[i] as SoqlOrderBy;
    const [va, vb] = [a[i], b[i]];
    const [na, nb] = [isNullish(va), isNullish(vb)];
    let result: number;
    if (na || nb) {
      result = na && nb ? 0 : (na ? -1 : 1) * (key.nulls === 'FIRST' ? 1 : -1);
    } else {
      result = compareValues(va, vb) * (key.direction === 'DESC' ? -1 : 1);
    }
    if (result !== 0) return result;
  }
  return 0;
}
