import { CsvPushParser } from '../../../csv/csv-push-parser.js';
import { parseCsv } from '../../../csv/parse-csv.js';
import { RawCsvSplitter } from '../../../csv/split-raw-csv.js';
import { utf8ByteLength } from '../../../csv/utf8-length.js';
import { ValidationError } from '../../../errors/validation-error.js';
import type { ColumnDelimiter, IngestOperation, LineEnding } from '../../../models/job-state.js';
import { isColumnName } from '../../shared/api-names.js';
import { CorrelationIndex } from '../correlation/correlation-index.js';
import { rowHash, type MatchBy } from '../correlation/row-key.js';
import { JobBody } from './job-body.js';
import type { JobSlicer, SlicedJob, SliceLimits } from './sliced-job.js';

/** What the CSV slicer needs to know. */
export interface CsvSlicerOptions extends SliceLimits {
  readonly operation: IngestOperation;
  readonly externalIdField?: string | undefined;
  readonly columnDelimiter: ColumnDelimiter;
  readonly lineEnding: LineEnding;
  readonly matchBy: MatchBy;
}

const CHUNK = 64 * 1024;

/**
 * Cuts raw CSV into jobs without re-serialising it: records are split CSV-aware (a quoted
 * field may hold line breaks), each job starts with the input's header line, and a job ends
 * before it would pass the byte or row limit. Each row is parsed once for correlation.
 */
export class CsvSlicer implements JobSlicer {
  private readonly iterator: AsyncIterator<string>;
  private header: { line: string; columns: string[]; bytes: number } | undefined;
  private carry: string | undefined;
  private nextIndex = 0;
  private done = false;

  constructor(
    chunks: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>,
    private readonly options: CsvSlicerOptions,
  ) {
    this.iterator = records(chunks)[Symbol.asyncIterator]();
  }

  async next(): Promise<SlicedJob | undefined> {
    const header = this.header ?? (await this.readHeader());
    if (!header) return undefined;
    const first = this.carry ?? (await this.readRecord());
    this.carry = undefined;
    if (first === undefined) return undefined;
    const { maxBytesPerJob, maxRecordsPerJob } = this.options;
    const parser = new CsvPushParser({
      columnDelimiter: this.options.columnDelimiter,
      lineEnding: this.options.lineEnding,
    });
    parser.push(header.line);
    const start = this.nextIndex;
    const index = new CorrelationIndex(start);
    const parts: Uint8Array[] = [new TextEncoder().encode(header.line)];
    let pending = '';
    let bytes = header.bytes;
    let count = 0;
    let record: string | undefined = first;
    while (record !== undefined) {
      const size = utf8ByteLength(record);
      if (count > 0 && (bytes + size > maxBytesPerJob || count >= maxRecordsPerJob)) {
        this.carry = record;
        break;
      }
      if (bytes + size > maxBytesPerJob) {
        throw new ValidationError(
          `CSV record ${start + count} alone is larger than maxBytesPerJob (${maxBytesPerJob} bytes) with its header`,
          [{ index: start + count, message: 'record larger than maxBytesPerJob' }],
        );
      }
      pending += record;
      bytes += size;
      count++;
      for (const row of parser.push(record)) index.add(rowHash(row, this.options.matchBy));
      if (pending.length >= CHUNK) {
        parts.push(new TextEncoder().encode(pending));
        pending = '';
      }
      record = await this.readRecord();
    }
    for (const row of parser.end()) index.add(rowHash(row, this.options.matchBy));
    if (pending) parts.push(new TextEncoder().encode(pending));
    this.nextIndex = start + count;
    return { body: new JobBody(new Blob(parts as BlobPart[], { type: 'text/csv' })), recordCount: count, start, index };
  }

  close(): void {
    if (this.done) return;
    this.done = true;
    void Promise.resolve(this.iterator.return?.()).catch(() => undefined);
  }

  original(): undefined {
    return undefined;
  }

  private async readHeader(): Promise<CsvSlicer['header']> {
    const step = await this.iterator.next();
    if (step.done) return undefined;
    const line = withLineEnding(step.value, this.options.lineEnding);
    const columns = parseCsv(line, {
      columnDelimiter: this.options.columnDelimiter,
      lineEnding: this.options.lineEnding,
    }).columns;
    checkHeader(columns, this.options);
    this.header = { line, columns, bytes: utf8ByteLength(line) };
    return this.header;
  }

  private async readRecord(): Promise<string | undefined> {
    if (this.done) return undefined;
    const step = await this.iterator.next();
    if (step.done) {
      this.done = true;
      return undefined;
    }
    return withLineEnding(step.value, this.options.lineEnding);
  }
}

async function* records(
  chunks: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>,
): AsyncGenerator<string> {
  const splitter = new RawCsvSplitter();
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of chunks) {
    yield* splitter.push(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }));
  }
  yield* splitter.push(decoder.decode());
  yield* splitter.end();
}

/** The last record of a file may lack its line ending; every row of a job needs one. */
function withLineEnding(record: string, lineEnding: LineEnding): string {
  return record.endsWith('\n') ? record : record + (lineEnding === 'CRLF' ? '\r\n' : '\n');
}

/** The header must name valid columns and carry what the operation needs, before any request. */
function checkHeader(columns: readonly string[], options: CsvSlicerOptions): void {
  const bad = columns.find((c) => !isColumnName(c));
  if (bad !== undefined)
    throw new ValidationError(`Invalid column name ${JSON.stringify(bad.slice(0, 60))} in the CSV header`, [
      { field: bad, message: 'invalid column name' },
    ]);
  const has = (name: string) => columns.some((c) => c.toLowerCase() === name.toLowerCase());
  if (options.operation !== 'insert' && options.operation !== 'upsert' && !has('Id')) {
    throw new ValidationError(`The CSV header has no Id column (required for ${options.operation})`, [
      { field: 'Id', message: 'missing Id column' },
    ]);
  }
  if (options.operation === 'upsert' && options.externalIdField && !has(options.externalIdField)) {
    throw new ValidationError(
      `The CSV header has no ${options.externalIdField} column (the external id of this upsert)`,
      [{ field: options.externalIdField, message: 'missing external id column' }],
    );
  }
}
