import { addCanonicalHash, avalanche, NUMBER_PREFIX, printedAsNumber } from './value-hash.js';

// a module-level binding: a global lookup per call is slow in some sandboxes (jest's vm)
const { imul } = Math;

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
export function printedNumberBytes(bytes: Uint8Array, start: number, end: number): boolean {
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
export function numberOrDateBytes(bytes: Uint8Array, start: number, end: number): boolean {
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
export function booleanBytes(bytes: Uint8Array, start: number, end: number): boolean {
  const word = end - start === 4 ? 'true' : 'false';
  for (let j = start; j < end; j++) if (((bytes[j] as number) | 0x20) !== word.charCodeAt(j - start)) return false;
  return true;
}

/** Whether `bytes[from..to)` are all UTF-8 continuation bytes. */
function continued(bytes: Uint8Array, from: number, to: number): boolean {
  for (let j = from; j < to; j++) if (((bytes[j] as number) & 0xc0) !== 0x80) return false;
  return true;
}

/** UTF-8 bytes as a string. */
export function utf8Text(bytes: Uint8Array, start: number, end: number): string {
  return UTF8.decode(bytes.subarray(start, end));
}

const UTF8 = new TextDecoder();
