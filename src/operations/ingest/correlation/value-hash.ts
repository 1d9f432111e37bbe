/**
 * The hash of one column's value in a row key, from its string: values are compared as
 * Salesforce echoes them (`canonicalValue`), hashed two UTF-16 code units per step in two 32-bit
 * lanes and summed into the row's hash (order-free). `utf8-value-hash.ts` gives the same hash
 * from UTF-8 bytes.
 */

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

/** The units `\u0001n` that start a number's canonical form, mixed as one step (see `mixUnits`). */
export const NUMBER_PREFIX = (1 << 16) | 110;

/**
 * `addValueHash(canonicalValue(value))`, without making the canonical string for a number
 * already written the way `Number` prints it (`42`, `-0.5`: most numbers of a load): its hash is
 * the prefix's, then the value's own units.
 */
export function addCanonicalHash(sum: Int32Array, a0: number, b0: number, value: string): void {
  if (printedAsNumber(value))
    mixUnits(sum, imul(a0 ^ NUMBER_PREFIX, 16777619), imul(b0 ^ NUMBER_PREFIX, 2654435761), value, 2);
  else mixUnits(sum, a0, b0, canonicalValue(value), 0);
}

/**
 * True when `String(Number(value)) === value`: an optional minus, an integer part without a
 * leading zero, an optional fraction not ending in zero, at most 15 digits (so the double holds
 * them exactly and no exponent is printed).
 */
export function printedAsNumber(value: string): boolean {
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

/** Mixes two 32-bit lanes into one (a finaliser: every input bit reaches every output bit). */
export function avalanche(x: number, y: number): number {
  let h = imul(x ^ (x >>> 16), 2246822507) ^ y;
  h = imul(h ^ (h >>> 13), 3266489909);
  return (h ^ (h >>> 16)) >>> 0;
}
