import type { IngestOperation } from '../../../models/job-state.js';

/**
 * Remembers the hash state of each column name an operation has seen, so a name is hashed once
 * per operation, not once per row and column. Belongs to one operation (its `MatchBy`).
 */
export class ColumnNameStates {
  private readonly byName = new Map<string, readonly [number, number]>();
  private lastNames: readonly string[] | undefined;
  private lastLength = -1;
  private lastStates: ColumnStates = { states: new Int32Array(0), skip: new Uint8Array(0) };

  /** The states of a column list, by position (the list is usually the same object row after row). */
  ofList(names: readonly string[]): ColumnStates {
    if (names !== this.lastNames || names.length !== this.lastLength) {
      this.lastStates = statesOf(names, (name) => this.of(name));
      this.lastNames = names;
      this.lastLength = names.length;
    }
    return this.lastStates;
  }

  /** The state of one name. */
  of(name: string): readonly [number, number] {
    let state = this.byName.get(name);
    if (state === undefined) {
      state = nameState(name);
      // a hostile echo could name endless columns: the cache stays small, the hash stays right
      if (this.byName.size < 10_000) this.byName.set(name, state);
    }
    return state;
  }
}

/** How result rows are tied back to input rows for an operation. */
export type MatchBy =
  | { readonly kind: 'id' }
  | { readonly kind: 'externalId'; readonly field: string }
  | { readonly kind: 'fields'; readonly names?: ColumnNameStates };

/** A row key: a 64-bit hash split into a 53-bit lookup slot and an 11-bit confirmation. */
export type KeyHash = readonly [number, number];

export function matchByFor(operation: IngestOperation, externalIdField: string | undefined): MatchBy {
  if (operation === 'upsert' && externalIdField) {
    return externalIdField.toLowerCase() === 'id' ? { kind: 'id' } : { kind: 'externalId', field: externalIdField };
  }
  return operation === 'insert' ? { kind: 'fields', names: new ColumnNameStates() } : { kind: 'id' };
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
  if (by.kind !== 'fields') return columnsHash(Object.keys(fields), Object.values(fields), by);
  // no per-row arrays: the columns are walked in place, each name's state looked up once per operation
  const names = by.names;
  const sum = new Int32Array(2);
  for (const name in fields) {
    const value = fields[name];
    if (value === undefined || value === '' || value === '#N/A' || RESULT_COLUMNS.has(name)) continue;
    const state = names ? names.of(name) : nameState(name);
    addValueHash(sum, state[0], state[1], canonicalValue(value));
  }
  return split(sum[0] as number, sum[1] as number);
}

/** `rowHash` over parallel arrays of column names and values (no per-row object needed). */
export function columnsHash(
  names: readonly string[],
  values: readonly (string | undefined)[],
  by: MatchBy,
): KeyHash | undefined {
  // a result file's sf__ columns are skipped: the key is the row's own values
  if (by.kind === 'fields') return fieldsHash(by.names ? by.names.ofList(names) : statesOf(names), values);
  const wanted = by.kind === 'id' ? 'id' : by.field.toLowerCase();
  for (let i = 0; i < names.length; i++) {
    if ((names[i] as string).toLowerCase() !== wanted) continue;
    const value = values[i];
    if (!value) return undefined;
    // 15 and 18 character forms of an id are the same record (the 15-character form is case-sensitive)
    return textHash(by.kind === 'id' ? value.slice(0, 15) : canonicalValue(value));
  }
  return undefined;
}

/** The hash state after a column's name (lower-cased: names match case-insensitively) and a separator. */
function nameState(name: string): readonly [number, number] {
  let a = 0x811c9dc5;
  let b = 0x41c6ce57;
  for (let j = 0; j < name.length; j++) {
    let c = name.charCodeAt(j);
    if (c >= 65 && c <= 90) c += 32;
    a = imul(a ^ c, 16777619);
    b = imul(b ^ c, 2654435761);
  }
  // separator: ("ab", "c") differs from ("a", "bc")
  return [imul(a ^ 0xff, 16777619), imul(b ^ 0xff, 2654435761) ^ name.length];
}

/** The hash states of a column list, and which columns are Salesforce's result columns (never hashed). */
export interface ColumnStates {
  readonly states: Int32Array;
  readonly skip: Uint8Array;
}

/** Result columns a result file adds to the echo: they are not the row's own values. */
const RESULT_COLUMNS = new Set(['sf__Id', 'sf__Created', 'sf__Error']);

function statesOf(
  names: readonly string[],
  state: (name: string) => readonly [number, number] = nameState,
): ColumnStates {
  const states = new Int32Array(names.length * 2);
  const skip = new Uint8Array(names.length);
  names.forEach((name, i) => {
    if (RESULT_COLUMNS.has(name)) skip[i] = 1;
    const [a, b] = state(name);
    states[i * 2] = a;
    states[i * 2 + 1] = b;
  });
  return { states, skip };
}

/**
 * Order-free: each column's hash is summed, so the echo's column order does not matter. One loop
 * with locals and no allocation: it runs for every column of every row, on both sides of a load.
 */
function fieldsHash({ states, skip }: ColumnStates, values: readonly (string | undefined)[]): KeyHash {
  const sum = new Int32Array(2);
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    // empty and #N/A both leave nothing to compare (Salesforce echoes null as empty)
    if (value === undefined || value === '' || value === '#N/A' || skip[i] === 1) continue;
    addValueHash(sum, states[i * 2] as number, states[i * 2 + 1] as number, canonicalValue(value));
  }
  return split(sum[0] as number, sum[1] as number);
}

/**
 * Adds one column's 64-bit hash to `sum` (two 32-bit lanes; addition keeps the row hash
 * order-free), from its name's state and its value: two code units per step in two lanes (each
 * lane still sees every unit), then mixed. The length ends the value.
 */
function addValueHash(sum: Int32Array, a0: number, b0: number, text: string): void {
  let a = a0;
  let b = b0;
  const n = text.length;
  let j = 0;
  for (; j + 1 < n; j += 2) {
    const c = (text.charCodeAt(j) << 16) | text.charCodeAt(j + 1);
    a = imul(a ^ c, 16777619);
    b = imul(b ^ c, 2654435761);
  }
  if (j < n) {
    const c = text.charCodeAt(j);
    a = imul(a ^ c, 16777619);
    b = imul(b ^ c, 2654435761);
  }
  sum[0] = ((sum[0] as number) + avalanche(a, b ^ n)) | 0;
  sum[1] = ((sum[1] as number) + avalanche(b, a)) | 0;
}

/** A 64-bit key as a 53-bit lookup slot and an 11-bit confirmation. */
function split(low: number, high: number): KeyHash {
  const lo = low >>> 0;
  const hi = high >>> 0;
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
