import { CsvPushParser, type CsvParseOptions, type CsvRow } from '../../../csv/csv-push-parser.js';
import { ResponseValidationError } from '../../../errors/response-validation-error.js';
import type { ByteStream, HttpResponse } from '../../../http/transport.js';
import { PageChunks } from './page-chunks.js';
import type { PageStream } from './page-source.js';

/**
 * One `results` page read incrementally: each call pulls body chunks until at least one
 * row is complete, so only the unfinished last row is held between calls. The page's own
 * header row is consumed by the parser, once. At the end the rows parsed are compared
 * with `Sforce-NumberOfRecords`: a difference is an error, never silent loss.
 */
export class ResultPage implements PageStream {
  readonly expectedRows: number | undefined;
  private readonly parser: CsvPushParser;
  private readonly decoder = new TextDecoder('utf-8');
  private readonly chunks: PageChunks;
  private ended = false;

  constructor(
    readonly index: number,
    response: HttpResponse<ByteStream>,
    csv: CsvParseOptions,
    private readonly url?: string,
  ) {
    this.parser = new CsvPushParser(csv);
    this.chunks = new PageChunks(response.body);
    try {
      this.expectedRows = readRecordCount(response.headers['sforce-numberofrecords'], index, url);
    } catch (error) {
      this.chunks.release();
      throw error;
    }
  }

  async nextBatch(signal: AbortSignal): Promise<CsvRow[] | null> {
    if (this.ended) return null;
    try {
      for (;;) {
        const chunk = await this.chunks.next(signal);
        if (chunk === null) return this.finish();
        const rows = this.parser.push(typeof chunk === 'string' ? chunk : this.decoder.decode(chunk, { stream: true }));
        this.checkNotOver();
        if (rows.length > 0) return rows;
      }
    } catch (error) {
      this.release();
      throw error;
    }
  }

  /** Reads the rest of the page into one array (parallel downloads). */
  async readAll(signal: AbortSignal): Promise<CsvRow[]> {
    const all: CsvRow[] = [];
    for (let rows = await this.nextBatch(signal); rows !== null; rows = await this.nextBatch(signal)) {
      for (const row of rows) all.push(row);
    }
    return all;
  }

  release(): void {
    this.ended = true;
    this.chunks.release();
  }

  /** A page may not hold more rows than its header announced: stop reading at the first extra row. */
  private checkNotOver(): void {
    if (this.expectedRows === undefined || this.parser.rows <= this.expectedRows) return;
    const message = `Result page ${this.index + 1} holds more rows than its Sforce-NumberOfRecords (${this.expectedRows}): reading stopped`;
    throw new ResponseValidationError(message, {
      issues: [{ path: ['page', this.index + 1, 'rows'], message }],
      raw: { parsedAtLeast: this.parser.rows, expected: this.expectedRows },
      ...(this.url ? { url: this.url } : {}),
    });
  }

  private finish(): CsvRow[] | null {
    const rows = this.parser.push(this.decoder.decode());
    for (const row of this.parser.end()) rows.push(row);
    this.release();
    const parsed = this.parser.rows;
    if (this.expectedRows !== undefined && parsed !== this.expectedRows) {
      const message = `Result page ${this.index + 1} has ${parsed} rows but Sforce-NumberOfRecords says ${this.expectedRows}: the page is truncated or corrupt`;
      throw new ResponseValidationError(message, {
        issues: [{ path: ['page', this.index + 1, 'rows'], message }],
        raw: { parsed, expected: this.expectedRows },
        ...(this.url ? { url: this.url } : {}),
      });
    }
    return rows.length > 0 ? rows : null;
  }
}

/** `Sforce-NumberOfRecords`: absent is allowed (not checked); present must be a count. */
function readRecordCount(value: string | undefined, index: number, url: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (!/^\d{1,15}$/.test(text)) {
    const message = `Result page ${index + 1} has a malformed Sforce-NumberOfRecords header`;
    throw new ResponseValidationError(message, {
      issues: [{ path: ['headers', 'sforce-numberofrecords'], message }],
      raw: value.slice(0, 100),
      ...(url ? { url } : {}),
    });
  }
  return Number(text);
}
