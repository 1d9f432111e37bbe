import { KineticError } from '../errors/kinetic-error.js';
import { resolveDelimiter, resolveLineEnding } from './delimiters.js';
import type { InputRecord } from './flatten-record.js';
import { padRows } from './pad-rows.js';
import type { CsvWriteOptions } from './records-to-csv.js';
import { RowSerializer, type PreparedRow } from './row-serializer.js';
import { utf8ByteLength } from './utf8-length.js';

/** Options of `CsvJobWriter`. */
export interface CsvJobWriterOptions extends CsvWriteOptions {
  /** Size at which rows are encoded into a byte chunk (default 64 KiB). */
  readonly chunkBytes?: number | undefined;
}

/** One job's finished upload. */
export interface CsvJobBody {
  /** The CSV: header, then one row per record, every row ended by the line ending. */
  readonly body: Blob;
  readonly columns: readonly string[];
  readonly recordCount: number;
  /** Exact UTF-8 size of `body`. */
  readonly byteLength: number;
}

/** Rows that share a column count; only segments narrower than the final header get padded. */
interface Segment {
  readonly width: number;
  /** Each flushed chunk of rows, already in a `Blob` (its bytes held once, not as a chunk and a copy). */
  readonly chunks: Blob[];
}

interface Measured {
  readonly record: InputRecord;
  readonly row: PreparedRow;
  readonly rowBytes: number;
  readonly headerBytes: number;
}

/**
 * Builds one job's CSV upload record by record, holding it as UTF-8 byte chunks rather than
 * one string. The header is the union of the keys of every record written: a column that
 * first appears late is appended to the header, and earlier rows are padded with empty
 * fields by `finish()`. `byteLength` is always the exact size `finish()` will produce, so a
 * caller can cut jobs at a byte limit with `wouldExceed()` before writing.
 *
 * @example
 * const writer = new CsvJobWriter({ lineEnding: 'CRLF' });
 * for (const record of records) {
 *   if (writer.recordCount > 0 && writer.wouldExceed(record, 100_000_000)) break; // start the next job
 *   writer.write(record);
 * }
 * const { body, byteLength } = writer.finish();
 */
export class CsvJobWriter {
  private readonly serializer: RowSerializer;
  private readonly lineEnding: string;
  private readonly chunkBytes: number;
  private readonly encoder = new TextEncoder();
  private readonly segments: Segment[] = [];
  private pending = '';
  private pendingBytes = 0;
  private headerBytes: number;
  private rowBytes = 0;
  private paddingBytes = 0;
  private count = 0;
  private measured: Measured | undefined;
  private lastRaw: readonly (string | undefined)[] = [];
  private finished = false;
  private scratch = new Uint8Array(0);

  constructor(options: CsvJobWriterOptions = {}) {
    this.serializer = new RowSerializer(resolveDelimiter(options.columnDelimiter), options.columns);
    this.lineEnding = resolveLineEnding(options.lineEnding);
    this.chunkBytes = Math.max(1, options.chunkBytes ?? 64 * 1024);
    this.headerBytes = this.headerSize([]);
    this.segments.push({ width: this.serializer.columns.length, chunks: [] });
  }

  /** Bytes of the header and all rows so far, padding included: the size `finish()` will give. */
  get byteLength(): number {
    return this.headerBytes + this.rowBytes + this.paddingBytes;
  }

  get recordCount(): number {
    return this.count;
  }

  /** The header columns so far, in order. */
  get columns(): readonly string[] {
    return this.serializer.columns.slice();
  }

  /**
   * How much `byteLength` would grow if `record` were written: its row, plus, when it brings
   * new columns, the longer header and the padding of earlier rows. The serialised row is
   * kept, so a following `write()` of the same (unchanged) record does not serialise it again.
   * @throws ValidationError for a value that cannot be written
   */
  measure(record: InputRecord): number {
    const measured = this.measureRow(record);
    return this.growth(measured);
  }

  /** True when writing `record` would take `byteLength` past `maxBytes`. */
  wouldExceed(record: InputRecord, maxBytes: number): boolean {
    return this.byteLength + this.measure(record) > maxBytes;
  }

  /**
   * Appends a record.
   * @returns how much `byteLength` grew (see `measure`)
   * @throws ValidationError for a value that cannot be written; the writer is then unchanged
   */
  write(record: InputRecord): number {
    const measured = this.measureRow(record);
    const growth = this.growth(measured);
    this.measured = undefined;
    const added = measured.row.newColumns.length;
    if (added > 0) {
      this.flush();
      this.paddingBytes += this.count * added;
      this.serializer.commit(measured.row);
      this.headerBytes = measured.headerBytes;
      this.segments.push({ width: this.serializer.columns.length, chunks: [] });
    }
    this.lastRaw = measured.row.raw;
    this.pending += measured.row.text + this.lineEnding;
    this.pendingBytes += measured.rowBytes;
    this.rowBytes += measured.rowBytes;
    this.count++;
    if (this.pendingBytes >= this.chunkBytes) this.flush();
    return growth;
  }

  /**
   * The last written row's values, unquoted, aligned with `columns` (undefined where the row
   * has no value): what Salesforce will echo back for it, used to tie results to input rows.
   */
  get lastValues(): readonly (string | undefined)[] {
    return this.lastRaw;
  }

  /** The header columns so far, without copying (valid until the next write). */
  get liveColumns(): readonly string[] {
    return this.serializer.columns;
  }

  /**
   * Assembles the body (padding early rows if columns appeared later); the writer cannot be used
   * afterwards. The chunks are already `Blob`s, so the body is composed without copying its bytes
   * again; only rows written before a column appeared are read back to be padded.
   */
  async finish(): Promise<CsvJobBody> {
    this.assertOpen();
    this.flush();
    this.finished = true;
    const columns = Object.freeze(this.serializer.columns.slice());
    const parts: Blob[] = [];
    if (columns.length > 0) parts.push(new Blob([this.encoder.encode(this.serializer.header() + this.lineEnding)]));
    for (const segment of this.segments) {
      const extra = columns.length - segment.width;
      for (const chunk of segment.chunks) {
        if (extra === 0) parts.push(chunk);
        else {
          const bytes = new Uint8Array(await chunk.arrayBuffer());
          parts.push(new Blob([padRows(bytes, extra, this.serializer.delimiter, this.lineEnding.length)]));
        }
      }
    }
    this.segments.length = 0;
    return {
      body: new Blob(parts, { type: 'text/csv' }),
      columns,
      recordCount: this.count,
      byteLength: this.byteLength,
    };
  }

  private measureRow(record: InputRecord): Measured {
    this.assertOpen();
    const cached = this.measured;
    if (cached?.record === record) return cached;
    const row = this.serializer.prepare(record, this.count);
    const headerBytes = row.newColumns.length > 0 ? this.headerSize(row.newColumns) : this.headerBytes;
    const measured = { record, row, rowBytes: utf8ByteLength(row.text) + this.lineEnding.length, headerBytes };
    this.measured = measured;
    return measured;
  }

  private growth(measured: Measured): number {
    const padding = this.count * measured.row.newColumns.length;
    return measured.rowBytes + (measured.headerBytes - this.headerBytes) + padding;
  }

  private headerSize(extra: readonly string[]): number {
    if (this.serializer.columns.length + extra.length === 0) return 0;
    return utf8ByteLength(this.serializer.header(extra)) + this.lineEnding.length;
  }

  private flush(): void {
    if (this.pending === '') return;
    const segment = this.segments[this.segments.length - 1];
    // encoded into one reused buffer (its exact size is known) that the Blob copies: no byte
    // array per chunk is left for the garbage collector, whose backlog would count in memory
    if (this.scratch.length < this.pendingBytes)
      this.scratch = new Uint8Array(Math.max(this.pendingBytes, 2 * this.scratch.length));
    const { written } = this.encoder.encodeInto(this.pending, this.scratch);
    segment?.chunks.push(new Blob([this.scratch.subarray(0, written)]));
    this.pending = '';
    this.pendingBytes = 0;
  }

  private assertOpen(): void {
    if (this.finished)
      throw new KineticError('CsvJobWriter.finish() was already called; create a new writer for the next job');
  }
}
