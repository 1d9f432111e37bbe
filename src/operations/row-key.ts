import type { IngestOperation } from '../models/job-state.js';

/** How result rows are tied back to input rows for an operation. */
export type MatchBy = { readonly kind: 'id' } | { readonly kind: 'externalId'; readonly field: string } | { readonly kind: 'fields' };

export function matchByFor(operation: IngestOperation, externalIdField: string | undefined): MatchBy {
  if (operation === 'upsert' && externalIdField) {
    return externalIdField.toLowerCase() === 'id' ? { kind: 'id' } : { kind: 'externalId', field: externalIdField };
  }
  return operation === 'insert' ? { kind: 'fields' } : { kind: 'id' };
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const NUMERIC = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * A value as Salesforce will echo it, reduced to a comparable form: the echo is re-serialised
 * (`1000` -> `1000.0`, `912260031` -> `9.12260031E8`, a date field's `...T00:00:00.000Z` ->
 * `yyyy-MM-dd`, `TRUE` -> `true`), so numbers, dates and booleans compare by value.
 */
export function canonicalValue(value: string): string {
  if (NUMERIC.test(value)) return `n:${Number(value)}`;
  if (ISO_DATE.test(value)) {
    const time = Date.parse(value.length === 10 ? `${value}T00:00:00Z` : value);
    if (!Number.isNaN(time)) return `d:${time}`;
  }
  const lower = value.toLowerCase();
  if (lower === 'true' || lower === 'false') return `b:${lower}`;
  return `s:${value}`;
}

/** The comparable key of a row: its id, its external id, or all its non-empty columns. */
export function rowKey(fields: Readonly<Record<string, string>>, by: MatchBy): string | undefined {
  switch (by.kind) {
    case 'id': {
      const id = fields.Id ?? fields.ID ?? fields.id ?? lookup(fields, 'id');
      // 15 and 18 character forms of an id are the same record
      return id ? id.slice(0, 15) : undefined;
    }
    case 'externalId': {
      const value = fields[by.field] ?? lookup(fields, by.field);
      return value ? canonicalValue(value) : undefined;
    }
    case 'fields': {
      const parts: string[] = [];
      for (const name of Object.keys(fields).sort()) {
        const value = fields[name] as string;
        // empty and #N/A both leave nothing to compare (Salesforce echoes null as empty)
        if (value === '' || value === '#N/A') continue;
        parts.push(`${name.toLowerCase()}\u0000${canonicalValue(value)}`);
      }
      return parts.join('\u0001');
    }
  }
}

function lookup(fields: Readonly<Record<string, string>>, name: string): string | undefined {
  const lower = name.toLowerCase();
  for (const [key, value] of Object.entries(fields)) if (key.toLowerCase() === lower) return value;
  return undefined;
}

/** Two independent string hashes: a 53-bit one for the map key and a 32-bit one to confirm. */
export function hashKey(text: string): readonly [number, number] {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  let f = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
    f = Math.imul(f ^ c, 16777619);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return [4294967296 * (2097151 & h2) + (h1 >>> 0), (f ^ text.length) >>> 0];
}
