/**
 * Byte length of `text` once UTF-8 encoded, as `TextEncoder` encodes it (a lone surrogate
 * becomes U+FFFD, 3 bytes). Cheaper than encoding when only the size is needed.
 * @internal
 */
export function utf8ByteLength(text: string): number {
  let bytes = text.length;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) continue;
    if (code < 0x800) {
      bytes += 1;
    } else if (code >= 0xd800 && code <= 0xdbff && isLowSurrogate(text.charCodeAt(i + 1))) {
      // a pair is 2 UTF-16 units and 4 bytes
      bytes += 2;
      i++;
    } else {
      bytes += 2;
    }
  }
  return bytes;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
