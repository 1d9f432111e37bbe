import { copyValue } from '../../../csv/byte-arrays.js';
const CHUNK_BYTES = 1 << 20;
const SEPARATOR = 0; // NUL never reaches a stored value: the CSV parser drops it, input checks refuse it

/** What the rows of one stretch of a store share: their job, their columns, how they were tied. */
export interface RowSegment {
  readonly jobId: string;
  /** The columns of the rows, in the order their values are stored. */
  readonly header: readonly string[];
  /** True when the rows were tied to input rows (their input index is known, or they matched none). */
  readonly correlated: boolean;
  /** True for input rows that no result file mentioned (made unprocessed by the client). */
  readonly missingFromResults: boolean;
}

/** A stored row, read back. */
export interface StoredRow {
  readonly segment: RowSegment;
  readonly values: string[];
  /** The input row's index, when it was tied to one. */
  readonly inputIndex: number | undefined;
}

/**
 * Result rows kept compactly: each row's values as UTF-8 bytes (NUL-separated) in 1 MiB
 * chunks, with three small integers of position and the index of its input row, and the
 * columns once per job. About a fifth of what the same rows cost as objects; a row is decoded
 * only when read (`get`).
 */
export class RowStore {
  private readonly encoder = new TextEncoder();
  private readonly decoder = new TextDecoder();
  private readonly chunks: Uint8Array[] = [];
  private chunk = new Uint8Array(0);
  private used = 0;
  private chunkOf = new Uint32Array(1024);
  private offsetOf = new Uint32Array(1024);
  private lengthOf = new Uint32Array(1024);
  private inputOf = new Int32Array(1024);
  private readonly segments: { readonly firstRow: number; readonly segment: RowSegment }[] = [];
  private rows = 0;

  get size(): number {
    return this.rows;
  }

  /** Appends a row; `segment` is compared by identity with the last one (rows of a job share it). */
  add(segment: RowSegment, values: readonly string[], inputIndex: number | undefined): void {
    let worst = values.length;
    for (const value of values) worst += value.length * 3;
    const start = this.room(worst);
    for (let i = 0; i < values.length; i++) {
      if (i > 0) this.chunk[this.used++] = SEPARATOR;
      this.used += this.encoder.encodeInto(values[i] as string, this.chunk.subarray(this.used)).written;
    }
    this.addRow(segment, start, inputIndex);
  }

  /**
   * Appends a row already held as UTF-8 values separated by NUL (`bytes[start..end)`, as a
   * result file's scanned rows are): its bytes are copied, not decoded.
   */
  addBytes(segment: RowSegment, bytes: Uint8Array, start: number, end: number, inputIndex: number | undefined): void {
    const at = this.room(end - start);
    this.used = copyValue(bytes, start, end, false, this.chunk, at);
    this.addRow(segment, at, inputIndex);
  }

  /** Where a row of at most `bytes` bytes goes (a new chunk when the current one is too full). */
  private room(bytes: number): number {
    if (this.used + bytes > this.chunk.length) {
      this.chunk = new Uint8Array(Math.max(CHUNK_BYTES, bytes));
      this.chunks.push(this.chunk);
      this.used = 0;
    }
    return this.used;
  }

  /** Records the row written from `start` to the current end of the chunk. */
  private addRow(segment: RowSegment, start: number, inputIndex: number | undefined): void {
    const last = this.segments[this.segments.length - 1];
    if (last?.segment !== segment) this.segments.push({ firstRow: this.rows, segment });
    this.grow();
    const row = this.rows++;
    this.chunkOf[row] = this.chunks.length - 1;
    this.offsetOf[row] = start;
    this.lengthOf[row] = this.used - start;
    this.inputOf[row] = inputIndex ?? -1;
  }

  /** Row `index` (0-based), decoded. */
  get(index: number): StoredRow {
    const chunk = this.chunks[this.chunkOf[index] as number] as Uint8Array;
    const offset = this.offsetOf[index] as number;
    const text = this.decoder.decode(chunk.subarray(offset, offset + (this.lengthOf[index] as number)));
    const input = this.inputOf[index] as number;
    return { segment: this.segmentOf(index), values: text.split('\u0000'), inputIndex: input < 0 ? undefined : input };
  }

  private segmentOf(index: number): RowSegment {
    // segments are few (one per job and kind) and rows are read in order mostly: binary search
    let low = 0;
    let high = this.segments.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((this.segments[middle]?.firstRow ?? 0) <= index) low = middle;
      else high = middle - 1;
    }
    return (this.segments[low] as { readonly segment: RowSegment }).segment;
  }

  private grow(): void {
    if (this.rows < this.chunkOf.length) return;
    const size = this.chunkOf.length * 2;
    const chunkOf = new Uint32Array(size);
    chunkOf.set(this.chunkOf);
    this.chunkOf = chunkOf;
    const offsetOf = new Uint32Array(size);
    offsetOf.set(this.offsetOf);
    this.offsetOf = offsetOf;
    const lengthOf = new Uint32Array(size);
    lengthOf.set(this.lengthOf);
    this.lengthOf = lengthOf;
    const inputOf = new Int32Array(size);
    inputOf.set(this.inputOf);
    this.inputOf = inputOf;
  }
}
