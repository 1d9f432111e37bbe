import type { JobInfoFields } from '../schemas/job-info.js';
import { isTerminalState, type ColumnDelimiter, type JobState, type LineEnding } from './job-state.js';

/**
 * An immutable snapshot of a Bulk API 2.0 job, ingest or query, with dates as `Date`.
 * A new snapshot is emitted whenever the job's state or counts change.
 */
export class BulkJob {
  /** The job id (`750…`). */
  readonly id: string;
  /** `ingest` or `query`, from the endpoint the job lives under. */
  readonly kind: 'ingest' | 'query';
  /** `insert`, `update`, `upsert`, `delete`, `hardDelete`, `query` or `queryAll`. */
  readonly operation: string;
  /** The sObject the job works on, e.g. `Account`. */
  readonly object: string;
  /** `Open`, `UploadComplete`, `InProgress`, `JobComplete`, `Failed` or `Aborted`. */
  readonly state: JobState;
  /** The user who created the job. */
  readonly createdById: string | undefined;
  /** When the job was created. */
  readonly createdDate: Date | undefined;
  /** When the job last changed. */
  readonly systemModstamp: Date | undefined;
  /** The external id field of an upsert. */
  readonly externalIdFieldName: string | undefined;
  /** The assignment rule applied to Case or Lead rows, if any. */
  readonly assignmentRuleId: string | undefined;
  /** How Salesforce processes the job's batches (`Parallel`). */
  readonly concurrencyMode: string | undefined;
  /** The data format: `CSV`. */
  readonly contentType: string | undefined;
  /** The API version the job was created with; its results are read with the same version. */
  readonly apiVersion: number | undefined;
  /** `V2Ingest` or `V2Query`. */
  readonly jobType: string | undefined;
  /** Where an ingest job's CSV is uploaded (a path on the instance). */
  readonly contentUrl: string | undefined;
  /** The CSV line ending: `LF` or `CRLF`. */
  readonly lineEnding: LineEnding | undefined;
  /** The CSV column delimiter, e.g. `COMMA`. */
  readonly columnDelimiter: ColumnDelimiter | undefined;
  /** Rows processed so far (0 before the server reports counters). */
  readonly numberRecordsProcessed: number;
  /** Rows that failed so far (always 0 for query jobs). */
  readonly numberRecordsFailed: number;
  /** How many times Salesforce retried the job's batches. */
  readonly retries: number | undefined;
  /** Milliseconds Salesforce spent processing the job. */
  readonly totalProcessingTime: number | undefined;
  /** Milliseconds of that spent in the API itself. */
  readonly apiActiveProcessingTime: number | undefined;
  /** Milliseconds of that spent in triggers and other Apex. */
  readonly apexProcessingTime: number | undefined;
  /** Why the job failed, e.g. `InvalidBatch : Field name not found : Foo__c`. */
  readonly errorMessage: string | undefined;
  /** Whether the object supports PK chunking (query jobs). */
  readonly isPkChunkingSupported: boolean | undefined;
  /** Whether the server sent counters (short PATCH answers do not): merging keeps the known ones. */
  private readonly countersSent: boolean;

  constructor(info: JobInfoFields, kind: 'ingest' | 'query' = 'ingest') {
    this.id = info.id;
    this.kind = kind;
    this.operation = info.operation;
    this.object = info.object;
    this.state = info.state;
    this.createdById = info.createdById;
    this.createdDate = parseSalesforceDate(info.createdDate);
    this.systemModstamp = parseSalesforceDate(info.systemModstamp);
    this.externalIdFieldName = info.externalIdFieldName;
    this.assignmentRuleId = info.assignmentRuleId;
    this.concurrencyMode = info.concurrencyMode;
    this.contentType = info.contentType;
    this.apiVersion = info.apiVersion;
    this.jobType = info.jobType;
    this.contentUrl = info.contentUrl;
    this.lineEnding = info.lineEnding;
    this.columnDelimiter = info.columnDelimiter;
    this.countersSent = info.numberRecordsProcessed !== undefined || info.numberRecordsFailed !== undefined;
    this.numberRecordsProcessed = info.numberRecordsProcessed ?? 0;
    this.numberRecordsFailed = info.numberRecordsFailed ?? 0;
    this.retries = info.retries;
    this.totalProcessingTime = info.totalProcessingTime;
    this.apiActiveProcessingTime = info.apiActiveProcessingTime;
    this.apexProcessingTime = info.apexProcessingTime;
    this.errorMessage = info.errorMessage;
    this.isPkChunkingSupported = info.isPkChunkingSupported;
    Object.freeze(this);
  }

  /** True once the job is `JobComplete`, `Failed` or `Aborted`. */
  isComplete(): boolean {
    return isTerminalState(this.state);
  }

  /** True when the job finished as `JobComplete` (rows may still have failed individually). */
  isSuccessful(): boolean {
    return this.state === 'JobComplete';
  }

  /** A copy with some fields replaced (used to merge a short PATCH answer into what was known). */
  with(fields: Partial<JobInfoFields>): BulkJob {
    return new BulkJob({ ...this.toInfo(), ...dropUndefined(fields) }, this.kind);
  }

  /** The snapshot as job-info fields (dates back as ISO strings). */
  toInfo(): JobInfoFields {
    return {
      id: this.id,
      operation: this.operation,
      object: this.object,
      state: this.state,
      createdById: this.createdById,
      createdDate: this.createdDate?.toISOString(),
      systemModstamp: this.systemModstamp?.toISOString(),
      externalIdFieldName: this.externalIdFieldName,
      assignmentRuleId: this.assignmentRuleId,
      concurrencyMode: this.concurrencyMode,
      contentType: this.contentType,
      apiVersion: this.apiVersion,
      jobType: this.jobType,
      contentUrl: this.contentUrl,
      lineEnding: this.lineEnding,
      columnDelimiter: this.columnDelimiter,
      numberRecordsProcessed: this.countersSent ? this.numberRecordsProcessed : undefined,
      numberRecordsFailed: this.countersSent ? this.numberRecordsFailed : undefined,
      retries: this.retries,
      totalProcessingTime: this.totalProcessingTime,
      apiActiveProcessingTime: this.apiActiveProcessingTime,
      apexProcessingTime: this.apexProcessingTime,
      errorMessage: this.errorMessage,
      isPkChunkingSupported: this.isPkChunkingSupported,
    };
  }
}

function dropUndefined<T extends object>(value: T): Partial<T> {
  const out: Partial<T> = {};
  for (const [k, v] of Object.entries(value)) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  return out;
}

/** Parses `2022-01-02T21:33:43.000+0000` (and plain ISO forms) into a Date. */
export function parseSalesforceDate(value: string | undefined): Date | undefined {
  if (!value) return undefined;
  const normalised = value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
  const date = new Date(normalised);
  return Number.isNaN(date.getTime()) ? undefined : date;
}
