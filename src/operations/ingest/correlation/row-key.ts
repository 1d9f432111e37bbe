import type { IngestOperation } from '../../../models/job-state.js';
import { addCanonicalHash, avalanche, canonicalValue } from './value-hash.js';

/**
 * Remembers the hash state of each column name an operation has seen, so a name is hashed once
 * per operation, not once per row and column. Belongs to one operation (its `MatchBy`).
 */
export class ColumnNameStates {
  /** Scratch lanes of a row's hash, reused row after row (keys are made one at a time). */
  readonly sum = new Int32Array(2);
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
    addCanonicalHash(sum, state[0], state[1], value);
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

/**
 * `columnsHash` written into `out` as the key's two 32-bit halves (see `keyHalves`), without
 * allocating for a row keyed by its columns: the slicers key every row they write this way.
 * Returns false for a row without a key.
 */
export function columnsKey(
  names: readonly string[],
  values: readonly (string | undefined)[],
  by: MatchBy,
  out: Uint32Array,
): boolean {
  if (by.kind === 'fields' && by.names) {
    const sum = by.names.sum;
    sum[0] = 0;
    sum[1] = 0;
    addFieldHashes(sum, by.names.ofList(names), values);
    out[0] = (sum[0] as number) >>> 0;
    out[1] = (sum[1] as number) >>> 0;
    return true;
  }
  const key = columnsHash(names, values, by);
  if (key === undefined) return false;
  const [lo, hi] = keyHalves(key);
  out[0] = lo;
  out[1] = hi;
  return true;
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

/** The hash states of a column list (see `ColumnNameStates.ofList` for a cached one). */
export function statesOf(
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
function fieldsHash(columns: ColumnStates, values: readonly (string | undefined)[]): KeyHash {
  const sum = new Int32Array(2);
  addFieldHashes(sum, columns, values);
  return split(sum[0] as number, sum[1] as number);
}

/** Adds the hash of each column of a row to `sum` (the body of `fieldsHash`). */
function addFieldHashes(
  sum: Int32Array,
  { states, skip }: ColumnStates,
  values: readonly (string | undefined)[],
): void {
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    // empty and #N/A both leave nothing to compare (Salesforce echoes null as empty)
    if (value === undefined || value === '' || value === '#N/A' || skip[i] === 1) continue;
    addCanonicalHash(sum, states[i * 2] as number, states[i * 2 + 1] as number, value);
  }
}

/** A 64-bit key as a 53-bit lookup slot and an 11-bit confirmation. */
function split(low: number, high: number): KeyHash {
  const lo = low >>> 0;
  const hi = high >>> 0;
  return [(hi & 0x1fffff) * 4294967296 + lo, hi >>> 21];
}

/** A key as two 32-bit halves: the lookup slot's low 32 bits, and its high 21 bits with the 11-bit check. */
export function keyHalves([slot, check]: KeyHash): readonly [number, number] {
  const lo = (slot % 4294967296) >>> 0;
  const hi = ((Math.floor(slot / 4294967296) & 0x1fffff) | (check << 21)) >>> 0;
  return [lo, hi];
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
