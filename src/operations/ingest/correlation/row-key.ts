import type { IngestOperation } from '../../../models/job-state.js';

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

/** The units `\u0001n` that start a number's canonical form, mixed as one step (see `mixUnits`). */
const NUMBER_PREFIX = (1 << 16) | 110;

/**
 * `addValueHash(canonicalValue(value))`, without making the canonical string for a number
 * already written the way `Number` prints it (`42`, `-0.5`: most numbers of a load): its hash is
 * the prefix's, then the value's own units.
 */
function addCanonicalHash(sum: Int32Array, a0: number, b0: number, value: string): void {
  if (printedAsNumber(value))
    mixUnits(sum, imul(a0 ^ NUMBER_PREFIX, 16777619), imul(b0 ^ NUMBER_PREFIX, 2654435761), value, 2);
  else mixUnits(sum, a0, b0, canonicalValue(value), 0);
}

/**
 * True when `String(Number(value)) === value`: an optional minus, an integer part without a
 * leading zero, an optional fraction not ending in zero, at most 15 digits (so the double holds
 * them exactly and no exponent is printed).
 */
function printedAsNumber(value: string): boolean {
  const n = value.length;
  let i = value.charCodeAt(0) === 45 ? 1 : 0;
  if (i === n || (i === 1 && n === 2 && value.charCodeAt(1) === 48)) return false;
  const first = value.charCodeAt(i);
  if (first < 48 || first > 57) return false;
  let digits = 0;
  for (; i < n; i++) {
    const c = value.charCodeAt(i);
    if (c < 48 || c > 57) break;
    digits++;
  }
  if (first === 48 && digits > 1) return false;
  if (i < n) {
    if (value.charCodeAt(i) !== 46 || i === n - 1 || value.charCodeAt(n - 1) === 48) return false;
    for (i++; i < n; i++) {
      const c = value.charCodeAt(i);
      if (c < 48 || c > 57) return false;
      digits++;
    }
  }
  return digits <= 15;
}

/**
 * Adds one column's 64-bit hash to `sum` (two 32-bit lanes; addition keeps the row hash
 * order-free), from its name's state and its value: two code units per step in two lanes (each
 * lane still sees every unit), then mixed. The length (with `before` units already mixed in
 * `a`, `b`) ends the value.
 */
function mixUnits(sum: Int32Array, a0: number, b0: number, text: string, before: number): void {
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
  const length = n + before;
  sum[0] = ((sum[0] as number) + avalanche(a, b ^ length)) | 0;
  sum[1] = ((sum[1] as number) + avalanche(b, a)) | 0;
}

/**
 * `addCanonicalHash` over a value held as UTF-8 bytes (`bytes[start..end)`, unquoted): the same
 * hash the value's string gives, without making the string. The code units are decoded in
 * place; only values that `canonicalValue` may rewrite (digit-like, or 4 or 5 bytes long, as
 * `true` and `false` are) are decoded to a string. A result file's rows are keyed this way as
 * they arrive, straight from the response's bytes.
 */
export function addUtf8ValueHash(
  sum: Int32Array,
  a0: number,
  b0: number,
  bytes: Uint8Array,
  start: number,
  end: number,
): void {
  const first = bytes[start] as number;
  const size = end - start;
  let a = a0;
  let b = b0;
  let n = 0;
  const digitLike = (first >= 48 && first <= 57) || first === 43 || first === 45 || first === 46;
  if (digitLike || size === 4 || size === 5) {
    if (digitLike && printedNumberBytes(bytes, start, end)) {
      // `\u0001n` and the number's own (ASCII) bytes, as `addCanonicalHash` mixes them
      a = imul(a ^ NUMBER_PREFIX, 16777619);
      b = imul(b ^ NUMBER_PREFIX, 2654435761);
      n = 2;
    } else if (digitLike ? numberOrDateBytes(bytes, start, end) : booleanBytes(bytes, start, end)) {
      addCanonicalHash(sum, a0, b0, utf8Text(bytes, start, end));
      return;
    }
    // else: text that canonicalValue leaves as it is (a phone number, a word of four letters)
  }
  // a code unit waiting for its pair (the string path mixes two units per step)
  let held = -1;
  for (let j = start; j < end;) {
    let unit = bytes[j] as number;
    let low = -1;
    const size = unit < 0x80 ? 1 : unit < 0xc2 ? 0 : unit < 0xe0 ? 2 : unit < 0xf0 ? 3 : unit < 0xf5 ? 4 : 0;
    if (size === 1) j += 1;
    else if (size === 0 || j + size > end || !continued(bytes, j + 1, j + size)) {
      // not UTF-8 a decoder accepts (it reads U+FFFD here too): such a value never equals an input value
      unit = 0xfffd;
      j += 1;
    } else if (size === 2) {
      unit = ((unit & 0x1f) << 6) | ((bytes[j + 1] as number) & 0x3f);
      j += 2;
    } else if (size === 3) {
      unit = ((unit & 0x0f) << 12) | (((bytes[j + 1] as number) & 0x3f) << 6) | ((bytes[j + 2] as number) & 0x3f);
      j += 3;
    } else {
      const point =
        (((unit & 0x07) << 18) |
          (((bytes[j + 1] as number) & 0x3f) << 12) |
          (((bytes[j + 2] as number) & 0x3f) << 6) |
          ((bytes[j + 3] as number) & 0x3f)) -
        0x10000;
      unit = 0xd800 + (point >> 10);
      low = 0xdc00 + (point & 0x3ff);
      j += 4;
    }
    for (let k = 0; k < (low < 0 ? 1 : 2); k++) {
      const u = k === 0 ? unit : low;
      n++;
      if (held < 0) held = u;
      else {
        const c = (held << 16) | u;
        a = imul(a ^ c, 16777619);
        b = imul(b ^ c, 2654435761);
        held = -1;
      }
    }
  }
  if (held >= 0) {
    a = imul(a ^ held, 16777619);
    b = imul(b ^ held, 2654435761);
  }
  sum[0] = ((sum[0] as number) + avalanche(a, b ^ n)) | 0;
  sum[1] = ((sum[1] as number) + avalanche(b, a)) | 0;
}

/** `printedAsNumber` of ASCII bytes (a value printed by `Number` holds no other). */
function printedNumberBytes(bytes: Uint8Array, start: number, end: number): boolean {
  if (end - start > 17) return false;
  let text = '';
  for (let j = start; j < end; j++) {
    const byte = bytes[j] as number;
    if (byte >= 0x80) return false;
    text += String.fromCharCode(byte);
  }
  return printedAsNumber(text);
}

/** Whether the bytes hold only what numbers and ISO dates are written with (else `canonicalValue` keeps them). */
function numberOrDateBytes(bytes: Uint8Array, start: number, end: number): boolean {
  for (let j = start; j < end; j++) {
    const c = bytes[j] as number;
    // 0-9 + - . : e E T Z and a space (a date and time may be separated by one)
    if (!(
      (c >= 48 && c <= 58) ||
      c === 43 ||
      c === 45 ||
      c === 46 ||
      c === 101 ||
      c === 69 ||
      c === 84 ||
      c === 90 ||
      c === 32
    ))
      return false;
  }
  return true;
}

/** Whether the bytes spell `true` or `false` in any case. */
function booleanBytes(bytes: Uint8Array, start: number, end: number): boolean {
  const word = end - start === 4 ? 'true' : 'false';
  for (let j = start; j < end; j++) if (((bytes[j] as number) | 0x20) !== word.charCodeAt(j - start)) return false;
  return true;
}

/** Whether `bytes[from..to)` are all UTF-8 continuation bytes. */
function continued(bytes: Uint8Array, from: number, to: number): boolean {
  for (let j = from; j < to; j++) if (((bytes[j] as number) & 0xc0) !== 0x80) return false;
  return true;
}

/** UTF-8 bytes as a string (ASCII without a decoder: ids, numbers, dates). */
export function utf8Text(bytes: Uint8Array, start: number, end: number): string {
  let ascii = true;
  for (let j = start; j < end && ascii; j++) ascii = (bytes[j] as number) < 0x80;
  if (!ascii) return UTF8.decode(bytes.subarray(start, end));
  let text = '';
  for (let j = start; j < end; j++) text += String.fromCharCode(bytes[j] as number);
  return text;
}

const UTF8 = new TextDecoder();

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
