import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { FailedRecord, ResultBatch, SuccessRecord, UnprocessedRecord } from '../index.js';
import { CsvTableWriter, type TableRow } from './csv-table-writer.js';
import { plainFileSink, type Sink } from './sink.js';

/** The three files, by kind. */
export interface ResultPaths {
  readonly success: string;
  readonly failed: string;
  readonly unprocessed: string;
}

/** Row counts written, by kind. */
export interface ResultCounts {
  readonly success: number;
  readonly failed: number;
  readonly unprocessed: number;
}

/** `inputRow`: 1 for the first data row of the input file (the header is not counted). */
const rowNumber = (row: { readonly inputIndex?: number | undefined }): string =>
  row.inputIndex === undefined ? '' : String(row.inputIndex + 1);

/**
 * `success.csv`, `failed.csv` and `unprocessed.csv` in a directory, written as rows arrive.
 * Columns: success `jobId,id,created,<fields>`; failed `[inputRow,]jobId,id,errorCode,
 * errorMessage,errorFields,<fields>`; unprocessed `[inputRow,]jobId,<fields>`. `inputRow` is
 * present when the rows were tied to the input file (a load), absent for a job's results alone.
 */
export class ResultFiles {
  private constructor(
    private readonly success: CsvTableWriter,
    private readonly failed: CsvTableWriter,
    private readonly unprocessed: CsvTableWriter,
    private readonly inputRow: boolean,
  ) {}

  /** Creates the directory (and parents) and the three files. */
  static async open(dir: string, options: { readonly inputRow: boolean }): Promise<ResultFiles> {
    await mkdir(dir, { recursive: true });
    const row = options.inputRow ? ['inputRow'] : [];
    const open = (name: string): Promise<Sink> => plainFileSink(join(dir, name));
    const [success, failed, unprocessed] = await Promise.all([
      open('success.csv'),
      open('failed.csv'),
      open('unprocessed.csv'),
    ]);
    return new ResultFiles(
      new CsvTableWriter(success, ['jobId', 'id', 'created']),
      new CsvTableWriter(failed, [...row, 'jobId', 'id', 'errorCode', 'errorMessage', 'errorFields']),
      new CsvTableWriter(unprocessed, [...row, 'jobId']),
      options.inputRow,
    );
  }

  get paths(): ResultPaths {
    return { success: this.success.path, failed: this.failed.path, unprocessed: this.unprocessed.path };
  }

  get counts(): ResultCounts {
    return { success: this.success.rows, failed: this.failed.rows, unprocessed: this.unprocessed.rows };
  }

  write(batch: ResultBatch): Promise<void> {
    switch (batch.kind) {
      case 'success':
        return this.writeSuccess(batch.rows);
      case 'failed':
        return this.writeFailed(batch.rows);
      case 'unprocessed':
        return this.writeUnprocessed(batch.rows);
    }
  }

  writeSuccess(rows: readonly SuccessRecord[]): Promise<void> {
    return this.success.write(
      rows.map((r): TableRow => ({ lead: [r.jobId, r.id, String(r.created)], fields: r.fields })),
    );
  }

  writeFailed(rows: readonly FailedRecord[]): Promise<void> {
    return this.failed.write(
      rows.map((r): TableRow => ({
        lead: [
          ...this.rowColumn(r),
          r.jobId,
          r.id ?? '',
          r.error.statusCode,
          r.error.message,
          r.error.fields.join(';'),
        ],
        fields: r.fields,
      })),
    );
  }

  writeUnprocessed(rows: readonly UnprocessedRecord[]): Promise<void> {
    return this.unprocessed.write(
      rows.map((r): TableRow => ({ lead: [...this.rowColumn(r), r.jobId], fields: r.fields })),
    );
  }

  async close(): Promise<void> {
    await Promise.all([this.success.end(), this.failed.end(), this.unprocessed.end()]);
  }

  /** Closes the files as they are (an interrupted write). */
  async abandon(): Promise<void> {
    await Promise.all([this.success.abandon(), this.failed.abandon(), this.unprocessed.abandon()]);
  }

  private rowColumn(row: { readonly inputIndex?: number | undefined }): string[] {
    return this.inputRow ? [rowNumber(row)] : [];
  }
}
