import type { IngestOperation } from '../models/job-state.js';

/** How result rows are tied back to input rows for an operation. */
export type MatchBy = { readonly kind: 'id' } | { readonly kind: 'externalId'; readonly field: string } | { readonly kind: 'fields' };

/** A row key as two independent hashes: a 53-bit one to look up, a 32-bit one to confirm. */
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
export function columnsHash(names: readonly string[], values: readonly (string | undefined)[], by: MatchBy): KeyHash | undefined {
  if (by.kind === 'fields') return fieldsHash(names, values);
  const wanted = by.kind === 'id' ? 'id' : by.field.toLowerCase();
  for (let i = 0; i < names.length; i++) {
    if ((names[i] as string).toLowerCase() !== wanted) continue;
    const value = values[i];
    if (!value) return undefined;
    // 15 and 18 character forms of an id are the same record
    // ids: the 15-character form is case-sensitive, so it must not be lowercased (passed as text)
    const [a1, a2, b] = by.kind === 'id' ? hashParts('', value.slice(0, 15)) : hashParts('', canonicalValue(value));
    return [a2 * 4294967296 + a1, b];
  }
  return undefined;
}

/** Order-free: each column's hash is summed, so the echo's column order does not matter. */
function fieldsHash(names: readonly string[], values: readonly (string | undefined)[]): KeyHash {
  let a1 = 0;
  let a2 = 0;
  let b = 0;
  for (let i = 0; i < names.length; i++) {
    const value = values[i];
    // empty and #N/A both leave nothing to compare (Salesforce echoes null as empty)
    if (value === undefined || value === '' || value === '#N/A') continue;
    const [h1, h2, f] = hashParts(names[i] as string, canonicalValue(value));
    a1 = (a1 + h1) >>> 0;
    a2 = (a2 + h2) & 0x1fffff;
    b = (b + f) >>> 0;
  }
  return [a2 * 4294967296 + a1, b];
}

/**
 * Three hash parts of `name` (ASCII-lowercased, as column names match case-insensitively) and
 * `text`: 32 and 21 bits of one mix (53 in all) and 32 bits of FNV-1a. Written as one loop
 * with locals: it runs for every column of every row, on both sides of a load.
 */
export function hashParts(name: string, text = ''): readonly [number, number, number] {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  let f = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) {
    let c = name.charCodeAt(i);
    if (c >= 65 && c <= 90) c += 32;
    h1 = imul(h1 ^ c, 2654435761);
    h2 = imul(h2 ^ c, 1597334677);
    f = imul(f ^ c, 16777619);
  }
  // a separator, so that ("ab", "c") and ("a", "bc") differ
  h1 = imul(h1, 2654435761);
  h2 = imul(h2, 1597334677);
  f = imul(f, 16777619);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = imul(h1 ^ c, 2654435761);
    h2 = imul(h2 ^ c, 1597334677);
    f = imul(f ^ c, 16777619);
  }
  h1 = imul(h1 ^ (h1 >>> 16), 2246822507) ^ imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = imul(h2 ^ (h2 >>> 16), 2246822507) ^ imul(h1 ^ (h1 >>> 13), 3266489909);
  return [h1 >>> 0, h2 & 0x1fffff, (f ^ (name.length * 65599 + text.length)) >>> 0];
}
