import { CsvJobWriter } from '../../../csv/csv-job-writer.js';
import { ValidationError } from '../../../errors/validation-error.js';
import type { ColumnDelimiter, IngestOperation, LineEnding } from '../../../models/job-state.js';
import type { BulkRecord } from '../../shared/bulk-event.js';
import { CorrelationIndex } from '../correlation/correlation-index.js';
import { columnsKey, type MatchBy } from '../correlation/row-key.js';
import { JobBody } from './job-body.js';
import type { JobSlicer, SlicedJob, SliceLimits } from './sliced-job.js';
import { recordIssues, throwIfAny } from '../validate-records.js';

/** What the record slicer needs to know. */
export interface RecordSlicerOptions extends SliceLimits {
  readonly operation: IngestOperation;
  readonly externalIdField?: string | undefined;
  readonly columnDelimiter: ColumnDelimiter;
  readonly lineEnding: LineEnding;
  readonly matchBy: MatchBy;
}

/**
 * Cuts a stream of records into jobs: each record is validated, serialised as it is read and
 * indexed for correlation; a job ends before its CSV would pass the byte or row limit. A
 * record is never cut in two, and every job gets its own header.
 */
export class RecordSlicer implements JobSlicer {
  private readonly iterator: Iterator<unknown> | AsyncIterator<unknown>;
  /** Set for a synchronous input (an array, a generator): records are then read without an await each. */
  private readonly syncIterator: Iterator<unknown> | undefined;
  private carry: { record: BulkRecord; index: number } | undefined;
  private nextIndex = 0;
  private done = false;
  private readonly idOnly: boolean;
  /** Column names of the stream found valid so far. */
  private readonly validNames = new Set<string>();

  constructor(
    records: Iterable<unknown> | AsyncIterable<unknown>,
    private readonly options: RecordSlicerOptions,
    private readonly array?: readonly unknown[],
  ) {
    this.syncIterator = Symbol.asyncIterator in records ? undefined : (records as Iterable<unknown>)[Symbol.iterator]();
    this.iterator = this.syncIterator ?? (records as AsyncIterable<unknown>)[Symbol.asyncIterator]();
    this.idOnly = options.operation === 'delete' || options.operation === 'hardDelete';
  }

  async next(): Promise<SlicedJob | undefined> {
    const first = this.carry ?? (await this.read());
    this.carry = undefined;
    if (!first) return undefined;
    const { maxBytesPerJob, maxRecordsPerJob } = this.options;
    const writer = new CsvJobWriter({
      columnDelimiter: this.options.columnDelimiter,
      lineEnding: this.options.lineEnding,
    });
    const index = new CorrelationIndex(first.index);
    const key = new Uint32Array(2);
    let current: { record: BulkRecord; index: number } | undefined = first;
    while (current) {
      const tooBig = writer.wouldExceed(current.record, maxBytesPerJob);
      if (writer.recordCount > 0 && (tooBig || writer.recordCount >= maxRecordsPerJob)) {
        this.carry = current;
        break;
      }
      if (tooBig) {
        throw new ValidationError(
          `Record ${current.index} alone is larger than maxBytesPerJob (${maxBytesPerJob} bytes): it cannot be loaded`,
          [{ index: current.index, message: 'record larger than maxBytesPerJob' }],
        );
      }
      writer.write(current.record);
      if (columnsKey(writer.liveColumns, writer.lastValues, this.options.matchBy, key))
        index.addKey(key[0] as number, key[1] as number);
      else index.add(undefined);
      // a synchronous input is read without an await per record (a microtask each adds up over millions)
      const next = this.syncIterator ? this.readSync(this.syncIterator) : await this.read();
      current = next;
    }
    const { body, recordCount } = await writer.finish();
    return { body: new JobBody(body), recordCount, start: first.index, index };
  }

  close(): void {
    if (this.done) return;
    this.done = true;
    void Promise.resolve(this.iterator.return?.()).catch(() => undefined);
  }

  original(index: number): Readonly<Record<string, unknown>> | undefined {
    const record = this.array?.[index];
    return record && typeof record === 'object' ? (record as Readonly<Record<string, unknown>>) : undefined;
  }

  /** The next valid record (projected to `Id` for deletes), or undefined at the end of the input. */
  private async read(): Promise<{ record: BulkRecord; index: number } | undefined> {
    if (this.done) return undefined;
    return this.accept(await this.iterator.next());
  }

  private readSync(iterator: Iterator<unknown>): { record: BulkRecord; index: number } | undefined {
    if (this.done) return undefined;
    return this.accept(iterator.next());
  }

  private accept(step: IteratorResult<unknown>): { record: BulkRecord; index: number } | undefined {
    if (step.done) {
      this.done = true;
      return undefined;
    }
    const index = this.nextIndex++;
    const value = typeof step.value === 'string' && this.idOnly ? { Id: step.value } : step.value;
    // an array input was checked whole before any request; streams are checked as they are read
    if (!this.array)
      throwIfAny(
        recordIssues(value, index, {
          operation: this.options.operation,
          externalIdField: this.options.externalIdField,
          validNames: this.validNames,
          textCheckedLater: true,
        }),
      );
    const record = value as BulkRecord;
    return { record: this.idOnly ? { Id: record.Id } : record, index };
  }
}
