import { parseSfError } from '../../../csv/sf-error.js';
import { utf8RowValues, type Utf8CsvRows } from '../../../csv/utf8-csv-rows.js';
import type { JobResultMismatch } from '../../../errors/result-mismatch-error.js';
import { ResultMismatchError } from '../../../errors/result-mismatch-error.js';
import type { BulkError } from '../../../models/bulk-error.js';
import type { BulkJob } from '../../../models/bulk-job.js';
import {
  BulkResult,
  type FailedRecord,
  type RecordFields,
  type SuccessRecord,
  type UnprocessedRecord,
} from '../../../models/bulk-result.js';
import { lazyRows } from '../../../models/lazy-rows.js';
import type { ResultFileKind } from '../../../models/result-file-kind.js';
import type { ResultRows } from '../../shared/option-schemas.js';
import type { ResultBatch } from './ingest-result-rows.js';
import type { JobOutcome } from './job-outcome.js';
import { RowStore, type RowSegment, type StoredRow } from './row-store.js';

/** Unmatched rows kept for the error report; the rest are only counted. */
const MAX_UNMATCHED_KEPT = 1_000;

const SF_ID = 'sf__Id';
const SF_CREATED = 'sf__Created';
const SF_ERROR = 'sf__Error';

type AnyRow = SuccessRecord | FailedRecord | UnprocessedRecord;

/** Rows of one result file, raw: the file's columns, the rows as scanned bytes, and the input row each was tied to. */
export interface RawRows {
  readonly kind: ResultFileKind;
  readonly jobId: string;
  readonly header: readonly string[];
  readonly rows: Utf8CsvRows;
  /** Only the first `count` rows are added (default: all). */
  readonly count?: number;
  /**
   * Per row, the input row it was tied to (undefined: it matches none); absent when the rows
   * were not tied (a job read by id, whose input is not known).
   */
  readonly inputIndexes?: readonly (number | undefined)[];
  /** Rows left out when it returns false (rows handed on to another attempt). */
  readonly keepRow?: (row: number) => boolean;
}

/** Where a job's result rows and outcome go (the load's collector). */
export interface ResultSink {
  /** Counts raw result rows, and keeps them (compactly) if asked to; rows tied to no input row are set apart. */
  addRaw(rows: RawRows): void;
  /** The same for rows already made (input rows no result file mentioned). */
  addRows(batch: ResultBatch): void;
  /** A job's end: its final snapshot and errors. */
  addOutcome(outcome: JobOutcome): void;
  /** A job whose result files held more rows than were sent to it (reading was stopped). */
  addExtraRows(jobId: string, sent: number): void;
}

/** Where the columns of a stretch of rows are, read once per stretch. */
interface Layout {
  readonly id: number;
  readonly created: number;
  readonly error: number;
  readonly own: readonly number[];
}

/**
 * Merges the jobs of one load into a single `BulkResult`, keeping only the rows asked for, in
 * a compact store (`RowStore`): rows are materialised when the result's row lists are read. A
 * row that correlation could not tie to an input row (a duplicate, or a row nobody sent) is not
 * counted: it is set apart, and the load ends with a `ResultMismatchError`.
 */
export class ResultCollector<R extends object = object> implements ResultSink {
  private readonly jobs = new Map<string, BulkJob>();
  private readonly stores: Record<ResultFileKind, RowStore> = {
    success: new RowStore(),
    failed: new RowStore(),
    unprocessed: new RowStore(),
  };
  private readonly layouts = new Map<RowSegment, Layout>();
  private readonly jobErrors: BulkError[] = [];
  private readonly counts = { success: 0, failed: 0, unprocessed: 0 };
  private readonly mismatches = new Map<string, { sent: number; extraRows: boolean; unmatchedRows: number }>();
  private readonly unmatched: AnyRow[] = [];
  private segment: RowSegment | undefined;

  constructor(
    private readonly keep: ResultRows,
    /** The input record at an input index, when the input was an array (`BulkResult.inputOf`). */
    private readonly input?: (index: number) => R | undefined,
  ) {}

  /** Records a job snapshot (jobs are listed in creation order). */
  track(job: BulkJob): void {
    this.jobs.set(job.id, job);
  }

  addRaw(raw: RawRows): void {
    const keep = this.keeps(raw.kind);
    const correlated = raw.inputIndexes !== undefined;
    const segment = this.segmentFor(raw.jobId, raw.header, correlated, false);
    const { rows } = raw;
    const { width, starts, ends, bytes } = rows;
    const count = Math.min(raw.count ?? rows.count, rows.count);
    for (let i = 0; i < count; i++) {
      if (raw.keepRow?.(i) === false) continue;
      const inputIndex = raw.inputIndexes?.[i];
      if (correlated && inputIndex === undefined) {
        this.setApart(this.materialise(raw.kind, { segment, values: utf8RowValues(rows, i), inputIndex }));
        continue;
      }
      this.counts[raw.kind] += 1;
      if (keep && width > 0)
        this.stores[raw.kind].addBytes(
          segment,
          bytes,
          starts[i * width] as number,
          ends[i * width + width - 1] as number,
          inputIndex,
        );
    }
  }

  addRows(batch: ResultBatch): void {
    const keep = this.keeps(batch.kind);
    for (const row of batch.rows) {
      if (row.matched === false) {
        this.setApart(row);
        continue;
      }
      this.counts[batch.kind] += 1;
      if (!keep) continue;
      const { header, values } = flatten(batch.kind, row);
      const missing = 'missingFromResults' in row && row.missingFromResults === true;
      const segment = this.segmentFor(row.jobId, header, row.matched !== undefined, missing);
      this.stores[batch.kind].add(segment, values, row.inputIndex);
    }
  }

  addOutcome(outcome: JobOutcome): void {
    this.track(outcome.job);
    for (const error of outcome.jobErrors) this.jobErrors.push(error);
    const mismatch = this.mismatches.get(outcome.job.id);
    if (mismatch) mismatch.sent = outcome.uploaded;
  }

  addExtraRows(jobId: string, sent: number): void {
    const mismatch = this.mismatchOf(jobId);
    mismatch.extraRows = true;
    mismatch.sent = sent;
  }

  result(): BulkResult<R> {
    const jobs = [...this.jobs.values()];
    const last = jobs[jobs.length - 1];
    if (!last) throw new Error('no job was run');
    const list = <T extends AnyRow>(kind: ResultFileKind, make: (row: StoredRow) => T): readonly T[] => {
      const store = this.stores[kind];
      return lazyRows(store.size, (i) => make(store.get(i)));
    };
    return new BulkResult<R>({
      job: last,
      input: this.input,
      jobs,
      successRecords: list('success', (row) => this.success(row)),
      failedRecords: list('failed', (row) => this.failed(row)),
      unprocessedRecords: list('unprocessed', (row) => this.unprocessed(row)),
      jobErrors: this.jobErrors,
      counts: { ...this.counts },
    });
  }

  /** The error to end the load with when result files did not reconcile with the input; undefined when they did. */
  mismatchError(): ResultMismatchError | undefined {
    if (this.mismatches.size === 0) return undefined;
    const jobs: JobResultMismatch[] = [...this.mismatches].map(([jobId, m]) => ({ jobId, ...m }));
    return new ResultMismatchError(this.result(), jobs, this.unmatched);
  }

  private keeps(kind: ResultFileKind): boolean {
    return this.keep === 'all' || (this.keep === 'failed' && kind !== 'success');
  }

  /** A row tied to no input row: counted against its job, kept for the report (the first 1,000). */
  private setApart(row: AnyRow): void {
    this.mismatchOf(row.jobId).unmatchedRows += 1;
    if (this.unmatched.length < MAX_UNMATCHED_KEPT) this.unmatched.push(row);
  }

  /** The segment of the rows being added: the last one again while job and columns do not change. */
  private segmentFor(jobId: string, header: readonly string[], correlated: boolean, missing: boolean): RowSegment {
    const last = this.segment;
    if (
      last &&
      last.jobId === jobId &&
      last.correlated === correlated &&
      last.missingFromResults === missing &&
      sameColumns(last.header, header)
    )
      return last;
    this.segment = { jobId, header, correlated, missingFromResults: missing };
    return this.segment;
  }

  private layout(segment: RowSegment): Layout {
    let layout = this.layouts.get(segment);
    if (!layout) {
      const { header } = segment;
      const own: number[] = [];
      header.forEach((name, i) => {
        if (name !== SF_ID && name !== SF_CREATED && name !== SF_ERROR) own.push(i);
      });
      layout = { id: header.indexOf(SF_ID), created: header.indexOf(SF_CREATED), error: header.indexOf(SF_ERROR), own };
      this.layouts.set(segment, layout);
    }
    return layout;
  }

  private materialise(kind: ResultFileKind, row: StoredRow): AnyRow {
    if (kind === 'success') return this.success(row);
    if (kind === 'failed') return this.failed(row);
    return this.unprocessed(row);
  }

  private success(row: StoredRow): SuccessRecord {
    const layout = this.layout(row.segment);
    const id = row.values[layout.id] ?? '';
    const created = (row.values[layout.created] ?? '').toLowerCase() === 'true';
    return { jobId: row.segment.jobId, id, created, fields: this.fields(row, layout), ...origin(row) };
  }

  private failed(row: StoredRow): FailedRecord {
    const layout = this.layout(row.segment);
    const id = row.values[layout.id];
    const rawError = row.values[layout.error] ?? '';
    return {
      jobId: row.segment.jobId,
      id: id === undefined || id === '' ? null : id,
      error: parseSfError(rawError),
      rawError,
      fields: this.fields(row, layout),
      ...origin(row),
    };
  }

  private unprocessed(row: StoredRow): UnprocessedRecord {
    const layout = this.layout(row.segment);
    const missing = row.segment.missingFromResults ? { missingFromResults: true } : {};
    return { jobId: row.segment.jobId, fields: this.fields(row, layout), ...origin(row), ...missing };
  }

  private fields(row: StoredRow, layout: Layout): RecordFields {
    const fields: Record<string, string> = {};
    for (const at of layout.own) fields[row.segment.header[at] as string] = row.values[at] ?? '';
    return fields;
  }

  private mismatchOf(jobId: string): { sent: number; extraRows: boolean; unmatchedRows: number } {
    let mismatch = this.mismatches.get(jobId);
    if (!mismatch) {
      mismatch = { sent: 0, extraRows: false, unmatchedRows: 0 };
      this.mismatches.set(jobId, mismatch);
    }
    return mismatch;
  }
}

/** Where a stored row came from in the input, as the row models say it. */
function origin(row: StoredRow): { inputIndex?: number; matched?: boolean } {
  if (!row.segment.correlated) return {};
  return row.inputIndex === undefined ? { matched: false } : { inputIndex: row.inputIndex, matched: true };
}

/** A made row as columns and values, the way its result file would hold it. */
function flatten(kind: ResultFileKind, row: AnyRow): { header: string[]; values: string[] } {
  const header: string[] = [];
  const values: string[] = [];
  if (kind === 'success' && 'created' in row) {
    header.push(SF_ID, SF_CREATED);
    values.push(row.id, row.created ? 'true' : 'false');
  } else if (kind === 'failed' && 'rawError' in row) {
    header.push(SF_ID, SF_ERROR);
    values.push(row.id ?? '', row.rawError);
  }
  for (const [name, value] of Object.entries(row.fields)) {
    header.push(name);
    values.push(value);
  }
  return { header, values };
}

function sameColumns(a: readonly string[], b: readonly string[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
