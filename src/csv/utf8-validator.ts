/** Where a byte stream stopped being UTF-8. */
export interface Utf8Problem {
  /** Offset of the first byte that is not UTF-8 (0 for the first byte of the stream). */
  readonly offset: number;
  /** The line it is on (1 for the first), counting line feeds before it. */
  readonly line: number;
}

/**
 * Checks that a byte stream is well-formed UTF-8 (RFC 3629: no overlong forms, no surrogates,
 * nothing above U+10FFFF), chunk by chunk, and says where the first bad byte is: a decoder only
 * says that the text is bad, or replaces the byte silently. A sequence cut between chunks is
 * carried over; one cut by the end of the stream is reported by `end()`.
 */
export class Utf8Validator {
  private offset = 0;
  private line = 1;
  /** Continuation bytes still expected, and the range allowed for the next one. */
  private needed = 0;
  private low = 0x80;
  private high = 0xbf;
  /** Where the sequence being read started. */
  private sequenceStart = 0;
  private sequenceLine = 1;
  private problem: Utf8Problem | undefined;

  /** Checks more bytes; returns the first problem (then and on every later call). */
  push(bytes: Uint8Array): Utf8Problem | undefined {
    if (this.problem) return this.problem;
    for (let i = 0; i < bytes.length; i++) {
      const b = bytes[i] ?? 0;
      const at = this.offset + i;
      if (this.needed > 0) {
        if (b < this.low || b > this.high) return this.fail(this.sequenceStart, this.sequenceLine);
        this.needed -= 1;
        this.low = 0x80;
        this.high = 0xbf;
        continue;
      }
      if (b < 0x80) {
        if (b === 10) this.line += 1;
        continue;
      }
      this.sequenceStart = at;
      this.sequenceLine = this.line;
      if (b >= 0xc2 && b <= 0xdf) this.needed = 1;
      else if (b >= 0xe0 && b <= 0xef) {
        this.needed = 2;
        if (b === 0xe0) this.low = 0xa0; // overlong
        if (b === 0xed) this.high = 0x9f; // surrogates
      } else if (b >= 0xf0 && b <= 0xf4) {
        this.needed = 3;
        if (b === 0xf0) this.low = 0x90; // overlong
        if (b === 0xf4) this.high = 0x8f; // above U+10FFFF
      } else return this.fail(at, this.line);
    }
    this.offset += bytes.length;
    return undefined;
  }

  /** The end of the stream: a sequence left unfinished is a problem. */
  end(): Utf8Problem | undefined {
    if (this.problem) return this.problem;
    return this.needed > 0 ? this.fail(this.sequenceStart, this.sequenceLine) : undefined;
  }

  private fail(offset: number, line: number): Utf8Problem {
    this.problem = { offset, line };
    return this.problem;
  }
}
