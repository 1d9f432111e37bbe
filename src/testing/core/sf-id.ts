/** Characters of the 3-character case-safe suffix, indexed by a 5-bit uppercase mask. */
const SUFFIX_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const ID15 = /^[a-zA-Z0-9]{15}$/;
const ID18 = /^[a-zA-Z0-9]{18}$/;

/**
 * The case-safe suffix of a 15-character Salesforce id: each 5-character chunk gives one
 * character whose index has bit i set when character i of the chunk is an uppercase letter.
 */
export function caseSafeSuffix(id15: string): string {
  let suffix = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    let mask = 0;
    for (let i = 0; i < 5; i++) {
      const code = id15.charCodeAt(chunk * 5 + i);
      if (code >= 65 && code <= 90) mask |= 1 << i;
    }
    suffix += SUFFIX_ALPHABET[mask] ?? 'A';
  }
  return suffix;
}

/**
 * Returns the 18-character form of a 15- or 18-character id, or undefined when the text is not
 * a well-formed id (wrong length, bad characters, or an 18-character id whose suffix does not match).
 */
export function normalizeSfId(text: string): string | undefined {
  if (ID15.test(text)) return text + caseSafeSuffix(text);
  if (!ID18.test(text)) return undefined;
  const head = text.slice(0, 15);
  const suffix = caseSafeSuffix(head);
  // The suffix is itself case-insensitive: that is its purpose.
  return text.slice(15).toUpperCase() === suffix ? head + suffix : undefined;
}

function base62(value: number, width: number): string {
  let out = '';
  let rest = value;
  while (rest > 0) {
    out = (BASE62[rest % 62] ?? '0') + out;
    rest = Math.floor(rest / 62);
  }
  return out.padStart(width, '0');
}

/** Generates 18-character ids per key prefix: prefix + pod `8d` + `0` + a base-62 counter + suffix. */
export class SfIdGenerator {
  private readonly counters = new Map<string, number>();

  /** The next id for a 3-character key prefix such as `001` or `750`. */
  next(prefix: string): string {
    const n = (this.counters.get(prefix) ?? 0) + 1;
    this.counters.set(prefix, n);
    // Spread counters so consecutive ids differ in mixed-case characters (exercises the suffix).
    const id15 = `${prefix}8d0${base62(n * 7919 + 238_328, 9)}`;
    return id15 + caseSafeSuffix(id15);
  }
}
