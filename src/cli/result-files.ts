import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { FailedRecord, ResultBatch, SuccessRecord, UnprocessedRecord } from '../index.js';
import { CsvTableWriter, type TableRow } from './csv-table-writer.js';
import { RFC_4180, type CsvDialect } from './record-encoder.js';
import { makeResultsDir, type ResultsDir } from './results-dir.js';
import { fileSink } from './sink.js';

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

/** The three files' names. */
const RESULT_FILE_NAMES = ['success.csv', 'failed.csv', 'unprocessed.csv'] as const;

/** `inputRow`: 1 for the first data row of the input file (the header is not counted). */
const rowNumber = (row: { readonly inputIndex?: number | undefined }): string =>
  row.inputIndex === undefined ? '' : String(row.inputIndex + 1);

/** How the result files are laid out. */
export interface ResultFilesOptions {
  /** Add the `inputRow` column to failed.csv and unprocessed.csv (a load, whose input is known). */
  readonly inputRow: boolean;
  /**
   * `salesforce`: Salesforce's own columns and quoting (`sf__Id`, `sf__Created` / `sf__Error`, then
   * the record's columns; every value quoted), in the job's delimiter and line ending.
   */
  readonly style?: 'kinetic' | 'salesforce' | undefined;
  /** The job's delimiter and line ending, for the `salesforce` style. */
  readonly dialect?: CsvDialect | undefined;
  /** The user named the folder (`--results-dir`): it may be a symbolic link to a folder. */
  readonly namedByUser: boolean;
}

/**
 * `success.csv`, `failed.csv` and `unprocessed.csv` in a directory, written as rows arrive.
 * Columns: success `jobId,id,created,<fields>`; failed `[inputRow,]jobId,id,errorCode,
 * errorMessage,errorFields,<fields>`; unprocessed `[inputRow,]jobId,<fields>`. `inputRow` is
 * present when the rows were tied to the input file (a load), absent for a job's results alone.
 * In the `salesforce` style: `sf__Id,sf__Created,<fields>`, `sf__Id,sf__Error,<fields>` and
 * `<fields>`.
 */
export class ResultFiles {
  private constructor(
    private readonly success: CsvTableWriter,
    private readonly failed: CsvTableWriter,
    private readonly unprocessed: CsvTableWriter,
    private readonly inputRow: boolean,
    private readonly salesforce: boolean,
    private readonly dir: ResultsDir,
  ) {}

  /**
   * Creates the folder (and parents, 0700) and the three files, as `.partial` files (0600,
   * created new, never through a link) that `close()` renames: so a folder or file that cannot
   * be written fails here, and a run that stops half way leaves no file that looks complete.
   */
  static async open(path: string, options: ResultFilesOptions): Promise<ResultFiles> {
    const dir = await makeResultsDir(path, { namedByUser: options.namedByUser });
    const opened = await Promise.allSettled(RESULT_FILE_NAMES.map((name) => fileSink(join(path, name))));
    const sinks = opened.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
    const failure = opened.find((result) => result.status === 'rejected');
    const [success, failed, unprocessed] = sinks;
    if (failure || !success || !failed || !unprocessed) {
      await Promise.all(sinks.map((sink) => sink.abandon()));
      await dir.removeCreated();
      throw failure?.reason;
    }
    if (options.style === 'salesforce') {
      const format = { dialect: options.dialect ?? RFC_4180, quoteAll: true };
      return new ResultFiles(
        new CsvTableWriter(success, ['sf__Id', 'sf__Created'], format),
        new CsvTableWriter(failed, ['sf__Id', 'sf__Error'], format),
        new CsvTableWriter(unprocessed, [], format),
        false,
        true,
        dir,
      );
    }
    const row = options.inputRow ? ['inputRow'] : [];
    return new ResultFiles(
      new CsvTableWriter(success, ['jobId', 'id', 'created']),
      new CsvTableWriter(failed, [...row, 'jobId', 'id', 'errorCode', 'errorMessage', 'errorFields']),
      new CsvTableWriter(unprocessed, [...row, 'jobId']),
      options.inputRow,
      false,
      dir,
    );
  }

  /**
   * Removes the `.partial` files a killed run of the load in `dir` left (a resume holds the
   * folder's lock, so no other process writes them).
   */
  static async clearPartials(dir: string): Promise<void> {
    await Promise.all(RESULT_FILE_NAMES.map((name) => rm(join(dir, `${name}.partial`), { force: true })));
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
    const lead = this.salesforce
      ? (r: SuccessRecord) => [r.id, String(r.created)]
      : (r: SuccessRecord) => [r.jobId, r.id, String(r.created)];
    return this.success.write(rows.map((r): TableRow => ({ lead: lead(r), fields: r.fields })));
  }

  writeFailed(rows: readonly FailedRecord[]): Promise<void> {
    const lead = this.salesforce
      ? (r: FailedRecord) => [r.id ?? '', r.rawError]
      : (r: FailedRecord) => [
          ...this.rowColumn(r),
          r.jobId,
          r.id ?? '',
          r.error.statusCode,
          r.error.message,
          r.error.fields.join(';'),
        ];
    return this.failed.write(rows.map((r): TableRow => ({ lead: lead(r), fields: r.fields })));
  }

  writeUnprocessed(rows: readonly UnprocessedRecord[]): Promise<void> {
    const lead = this.salesforce ? () => [] : (r: UnprocessedRecord) => [...this.rowColumn(r), r.jobId];
    return this.unprocessed.write(rows.map((r): TableRow => ({ lead: lead(r), fields: r.fields })));
  }

  /** Finishes the three files and gives them their names. */
  async close(): Promise<void> {
    await Promise.all([this.success.end(), this.failed.end(), this.unprocessed.end()]);
  }

  /** Removes the partial files, and the folders this run created if they are empty. */
  async abandon(): Promise<void> {
    await Promise.all([this.success.abandon(), this.failed.abandon(), this.unprocessed.abandon()]);
    await this.dir.removeCreated();
  }

  private rowColumn(row: { readonly inputIndex?: number | undefined }): string[] {
    return this.inputRow ? [rowNumber(row)] : [];
  }
}
