import type { ColumnDelimiterName, LineEndingName } from '../core/csv-format.js';
import type { ParsedUpload } from '../ingest/upload-parser.js';
import type { SoqlQuery } from '../soql/index.js';

/** Job states (`JobStateEnum`). */
export type EmulatorJobState = 'Open' | 'UploadComplete' | 'InProgress' | 'JobComplete' | 'Failed' | 'Aborted';

/** Terminal states: the server never changes such a job again. */
export function isTerminal(state: EmulatorJobState): boolean {
  return state === 'JobComplete' || state === 'Failed' || state === 'Aborted';
}

/** A scripted failure: process `afterRecords` rows, then end `Failed` with `message`. */
export interface FailurePlan {
  readonly message: string;
  readonly afterRecords: number;
}

/** Fields shared by ingest and query jobs (server-side, mutable). */
export interface JobBase {
  readonly id: string;
  readonly object: string;
  readonly createdById: string;
  readonly createdDate: number;
  readonly apiVersion: number;
  readonly lineEnding: LineEndingName;
  readonly columnDelimiter: ColumnDelimiterName;
  systemModstamp: number;
  state: EmulatorJobState;
  numberRecordsProcessed: number;
  retries: number;
  /** When processing started (InProgress), for the timing counters. */
  startedAt?: number;
  /** When processing ended, freezing the timing counters. */
  endedAt?: number;
  errorMessage?: string;
  failurePlan?: FailurePlan;
}

/** One saved row of an ingest job. */
export interface SuccessEntry {
  readonly row: number;
  readonly id: string;
  readonly created: boolean;
}

/** One failed row of an ingest job. */
export interface FailureEntry {
  readonly row: number;
  readonly id: string;
  readonly error: string;
}

/** A Bulk 2.0 ingest job. */
export interface IngestJob extends JobBase {
  readonly kind: 'ingest';
  readonly operation: 'insert' | 'update' | 'upsert' | 'delete' | 'hardDelete';
  readonly externalIdFieldName?: string;
  readonly assignmentRuleId?: string;
  /** The uploaded CSV (one upload per job). */
  upload?: Buffer;
  numberRecordsFailed: number;
  /** Set when processing starts. */
  parsed?: ParsedUpload;
  /** Next row index to process. */
  nextRow: number;
  readonly successes: SuccessEntry[];
  readonly failures: FailureEntry[];
}

/** A Bulk 2.0 query job. */
export interface QueryJob extends JobBase {
  readonly kind: 'query';
  readonly operation: 'query' | 'queryAll';
  readonly query: string;
  readonly parsed: SoqlQuery;
  /** Result rows (one value per selected column), snapshotted when processing starts. */
  results?: readonly (readonly unknown[])[];
}

/** Any job. */
export type Job = IngestJob | QueryJob;
