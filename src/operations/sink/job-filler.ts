import { CsvJobWriter } from '../../csv/csv-job-writer.js';
import { ValidationError } from '../../errors/validation-error.js';
import type { ColumnDelimiter, IngestOperation, LineEnding } from '../../models/job-state.js';
import type { BulkRecord } from '../shared/bulk-event.js';
import { CorrelationIndex } from '../ingest/correlation/correlation-index.js';
import { columnsKey, type MatchBy } from '../ingest/correlation/row-key.js';
import { JobBody } from '../ingest/slicing/job-body.js';
import type { SlicedJob } from '../ingest/slicing/sliced-job.js';
import { recordIssues, throwIfAny } from '../ingest/validate-records.js';

/** How a filler serialises and bounds its job. */
export interface FillerRules {
  readonly operation: IngestOperation;
  readonly externalIdField: string | undefined;
  readonly columnDelimiter: ColumnDelimiter;
  readonly lineEnding: LineEnding;
  readonly maxRecordsPerJob: number;
  readonly maxBytesPerJob: number;
  /** How result rows are tied back to input rows (one per job). */
  readonly matchBy: MatchBy;
  /** Column names found valid so far (shared by a sink's jobs, bounded). */
  readonly validNames: Set<string>;
}

/**
 * The job a sink is filling: records are validated, serialised and indexed for correlation as
 * they arrive (the ingest slicer's steps, one record at a time), and kept for the job's result
 * (`inputOf`) and its journal. Input indexes are consecutive from `start`.
 */
export class JobFiller<R extends object = object> {
  private readonly writer: CsvJobWriter;
  readonly index: CorrelationIndex;
  /** Scratch halves of the last row's key. */
  private readonly key = new Uint32Array(2);
  readonly records: R[] = [];

  constructor(
    private readonly rules: FillerRules,
    readonly start: number,
  ) {
    this.writer = new CsvJobWriter({ columnDelimiter: rules.columnDelimiter, lineEnding: rules.lineEnding });
    this.index = new CorrelationIndex(start);
  }

  /** How this job's result rows are tied back to its records. */
  get matchBy(): MatchBy {
    return this.rules.matchBy;
  }

  get count(): number {
    return this.records.length;
  }

  get full(): boolean {
    return this.records.length >= this.rules.maxRecordsPerJob;
  }

  /**
   * Adds the record if it fits; false (nothing added) when it would take the job past
   * `maxBytesPerJob`: the job is to be cut first.
   * @throws ValidationError for an invalid record, or one that alone is larger than a job
   */
  tryAdd(record: R): boolean {
    const row = this.row(record);
    if (this.writer.wouldExceed(row, this.rules.maxBytesPerJob)) {
      if (this.count > 0) return false;
      throw new ValidationError(
        `Record ${this.start} alone is larger than maxBytesPerJob (${this.rules.maxBytesPerJob} bytes): it cannot be loaded`,
        [{ index: this.start, message: 'record larger than maxBytesPerJob' }],
      );
    }
    this.writer.write(row);
    if (columnsKey(this.writer.liveColumns, this.writer.lastValues, this.rules.matchBy, this.key))
      this.index.addKey(this.key[0] as number, this.key[1] as number);
    else this.index.add(undefined);
    this.records.push(record);
    return true;
  }

  /** The job's body and correlation index; the filler is done. */
  async finish(): Promise<SlicedJob> {
    const { body, recordCount } = await this.writer.finish();
    return { body: new JobBody(body), recordCount, start: this.start, index: this.index };
  }

  /** The record as a row (validated; projected to `Id` for deletes). */
  private row(record: R): BulkRecord {
    const value: unknown = typeof record === 'string' && this.rules.operation === 'delete' ? { Id: record } : record;
    throwIfAny(
      recordIssues(value, this.start + this.count, {
        operation: this.rules.operation,
        externalIdField: this.rules.externalIdField,
        validNames: this.rules.validNames,
        textCheckedLater: true,
      }),
    );
    const row = value as BulkRecord;
    return this.rules.operation === 'delete' ? { Id: row.Id } : row;
  }
}
