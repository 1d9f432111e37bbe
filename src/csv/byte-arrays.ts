/** Small operations on byte arrays for the byte-level CSV scanner. */

/** UTF-16 code units of UTF-8 bytes: one per character, two for one outside the BMP. */
export function codeUnits(bytes: Uint8Array, start: number, end: number): number {
  let units = 0;
  for (let j = start; j < end; j++) {
    const byte = bytes[j] as number;
    if ((byte & 0xc0) !== 0x80) units += byte >= 0xf0 ? 2 : 1;
  }
  return units;
}

/** The bytes without NUL bytes (the chunk itself when it has none). */
export function withoutNul(chunk: Uint8Array): Uint8Array {
  if (chunk.indexOf(0) < 0) return chunk;
  return chunk.filter((byte) => byte !== 0);
}

/** Two byte arrays as one. */
export function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const joined = new Uint8Array(a.length + b.length);
  joined.set(a);
  joined.set(b, a.length);
  return joined;
}

/** A copy of `array` in a larger one. */
export function grown(array: Uint32Array, size: number): Uint32Array<ArrayBuffer> {
  const bigger = new Uint32Array(size);
  bigger.set(array);
  return bigger;
}

/**
 * Copies a value's bytes (`input[start..end)`) into `out` at `at`, a doubled quote as one when
 * `escaped`; returns where the copy ends. Short values are copied byte by byte (no view made).
 */
export function copyValue(
  input: Uint8Array,
  start: number,
  end: number,
  escaped: boolean,
  out: Uint8Array,
  at: number,
): number {
  let used = at;
  if (escaped) {
    for (let j = start; j < end; j++) {
      const byte = input[j] as number;
      out[used++] = byte;
      // the second quote of a pair is skipped
      if (byte === 34) j++;
    }
    return used;
  }
  if (end - start > 64) {
    out.set(input.subarray(start, end), used);
    return used + end - start;
  }
  for (let j = start; j < end; j++) out[used++] = input[j] as number;
  return used;
}
