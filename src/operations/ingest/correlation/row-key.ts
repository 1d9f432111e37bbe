import type { IngestOperation } from '../../../models/job-state.js';

/** How result rows are tied back to input rows for an operation. */
export type MatchBy =
  { readonly kind: 'id' } | { readonly kind: 'externalId'; readonly field: string } | { readonly kind: 'fields' };

/** A row key: a 64-bit hash split into a 53-bit lookup slot and an 11-bit confirmation. */
export type KeyHash = readonly [number, number];

export function matchByFor(operation: IngestOperation, externalIdField: string | undefined): MatchBy {
  if (operation === 'upsert' && externalIdField) {
    return externalIdField.toLowerCase() === 'id' ? { kind: 'id' } : { kind: 'externalId', field: externalIdField };
  }
  return operation === 'insert' ? { kind: 'fields' } : { kind: 'id' };
}

// a module-level binding: a global lookup per call is slow in some sandboxes (jest's vm)
const { imul } = Math;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const NUMERIC = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * A value as Salesforce will echo it, reduced to a comparable form: the echo is re-serialised
 * (`1000` -> `1000.0`, `912260031` -> `9.12260031E8`, a date field's `...T00:00:00.000Z` ->
 * `yyyy-MM-dd`, `TRUE` -> `true`), so numbers, dates and booleans compare by value.
 */
export function canonicalValue(value: string): string {
  const first = value.charCodeAt(0);
  // cheap first-character checks keep the regular expressions off ordinary text; plain text
  // is returned as is (the other forms carry a prefix no text can start with)
  const digitLike = (first >= 48 && first <= 57) || first === 43 || first === 45 || first === 46;
  if (digitLike) {
    if (NUMERIC.test(value)) return `\u0001n${Number(value)}`;
    if (value.length >= 10 && value.charCodeAt(4) === 45 && ISO_DATE.test(value)) {
      const time = Date.parse(value.length === 10 ? `${value}T00:00:00Z` : value);
      if (!Number.isNaN(time)) return `\u0001d${time}`;
    }
    return value;
  }
  if (value.length === 4 || value.length === 5) {
    const lower = value.toLowerCase();
    if (lower === 'true' || lower === 'false') return `\u0001b${lower}`;
  }
  return value;
}

/**
 * The key of a row, from its columns as written (input side) or as echoed (result side): its
 * id (15-character form), its external id, or all its non-empty columns in any order.
 */
export function rowHash(fields: Readonly<Record<string, string>>, by: MatchBy): KeyHash | undefined {
  return columnsHash(Object.keys(fields), Object.values(fields), by);
}

/** `rowHash` over parallel arrays of column names and values (no per-row object needed). */
export function columnsHash(
  names: readonly string[],
  values: readonly (string | undefined)[],
  by: MatchBy,
): KeyHash | undefined {
  if (by.kind === 'fields') return fieldsHash(names, values);
  const wanted = by.kind === 'id' ? 'id' : by.field.toLowerCase();
  for (let i = 0; i < names.length; i++) {
    if ((names[i] as string).toLowerCase() !== wanted) continue;
    const value = values[i];
    if (!value) return undefined;
    // 15 and 18 character forms of an id are the same record
    // 15 and 18 character forms of an id are the same record (the 15-character form is case-sensitive)
    return textHash(by.kind === 'id' ? value.slice(0, 15) : canonicalValue(value));
  }
  return undefined;
}

/**
 * Order-free: each column's hash is summed, so the echo's column order does not matter. Written
 * as one loop with locals and no allocation: it runs for every column of every row, on both
 * sides of a load.
 */
function fieldsHash(names: readonly string[], values: readonly (string | undefined)[]): KeyHash {
  let lo = 0;
  let hi = 0;
  for (let i = 0; i < names.length; i++) {
    const value = values[i];
    // empty and #N/A both leave nothing to compare (Salesforce echoes null as empty)
    if (value === undefined || value === '' || value === '#N/A') continue;
    const name = names[i] as string;
    const text = canonicalValue(value);
    let a = 0x811c9dc5;
    let b = 0x41c6ce57;
    for (let j = 0; j < name.length; j++) {
      let c = name.charCodeAt(j);
      if (c >= 65 && c <= 90) c += 32; // column names match case-insensitively
      a = imul(a ^ c, 16777619);
      b = imul(b ^ c, 2654435761);
    }
    a = imul(a ^ 0xff, 16777619); // separator: ("ab", "c") differs from ("a", "bc")
    b = imul(b ^ 0xff, 2654435761);
    for (let j = 0; j < text.length; j++) {
      const c = text.charCodeAt(j);
      a = imul(a ^ c, 16777619);
      b = imul(b ^ c, 2654435761);
    }
    lo = (lo + avalanche(a, b)) >>> 0;
    hi = (hi + avalanche(b, a ^ name.length)) >>> 0;
  }
  return split(lo, hi);
}

/** A 64-bit key as a 53-bit lookup slot and an 11-bit confirmation. */
function split(lo: number, hi: number): KeyHash {
  return [(hi & 0x1fffff) * 4294967296 + lo, hi >>> 21];
}

function avalanche(x: number, y: number): number {
  let h = imul(x ^ (x >>> 16), 2246822507) ^ y;
  h = imul(h ^ (h >>> 13), 3266489909);
  return (h ^ (h >>> 16)) >>> 0;
}

/** The 64-bit hash of one string (ids, external ids), as a lookup slot and a confirmation. */
function textHash(text: string): KeyHash {
  let a = 0x811c9dc5;
  let b = 0x41c6ce57;
  for (let j = 0; j < text.length; j++) {
    const c = text.charCodeAt(j);
    a = imul(a ^ c, 16777619);
    b = imul(b ^ c, 2654435761);
  }
  return split(avalanche(a, b), avalanche(b, a ^ text.length));
}
