/**
 * Adds `extra` delimiter bytes before the line ending of every row in `bytes`, which holds
 * whole rows written by this module. A row ends at a LF outside quotes; quotes can be
 * tracked by toggling because every `"` we write is either a field's opening/closing quote
 * or one of a doubled pair. UTF-8 continuation bytes never equal `"` or LF.
 * @internal
 */
export function padRows(
  bytes: Uint8Array,
  extra: number,
  delimiter: string,
  lineEndingLength: number,
): Uint8Array<ArrayBuffer> {
  const QUOTE = 0x22;
  const LF = 0x0a;
  const padByte = delimiter.charCodeAt(0);
  let rows = 0;
  let quoted = false;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i];
    if (byte === QUOTE) quoted = !quoted;
    else if (byte === LF && !quoted) rows++;
  }
  const out = new Uint8Array(bytes.length + rows * extra);
  let from = 0;
  let to = 0;
  quoted = false;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i];
    if (byte === QUOTE) {
      quoted = !quoted;
    } else if (byte === LF && !quoted) {
      // the line ending (LF or CRLF) starts lineEndingLength - 1 bytes before this LF
      const rowEnd = i + 1 - lineEndingLength;
      out.set(bytes.subarray(from, rowEnd), to);
      to += rowEnd - from;
      out.fill(padByte, to, to + extra);
      to += extra;
      from = rowEnd;
    }
  }
  out.set(bytes.subarray(from), to);
  return out;
}
