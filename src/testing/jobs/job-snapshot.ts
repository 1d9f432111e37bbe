import { formatJobTimestamp } from '../core/sf-date.js';
import type { EmulatorJobState, Job } from './job-types.js';

/** A job as the emulator sees it server side (for assertions in tests). */
export interface EmulatorJobInfo {
  /** `ingest` or `query`. */
  readonly kind: 'ingest' | 'query';
  /** The job id (`750…`). */
  readonly id: string;
  /** `insert`, `update`, `upsert`, `delete`, `hardDelete`, `query` or `queryAll`. */
  readonly operation: string;
  /** The sObject. */
  readonly object: string;
  /** The state now, as a poll would see it. */
  readonly state: EmulatorJobState;
  /** The API version the job was created with. */
  readonly apiVersion: number;
  /** The user who created the job. */
  readonly createdById: string;
  /** When the job was created, as the API formats it. */
  readonly createdDate: string;
  /** When the job last changed, as the API formats it. */
  readonly systemModstamp: string;
  /** The CSV line ending, `LF` or `CRLF`. */
  readonly lineEnding: string;
  /** The CSV column delimiter, e.g. `COMMA`. */
  readonly columnDelimiter: string;
  /** Rows processed so far. */
  readonly numberRecordsProcessed: number;
  /** Ingest: rows that failed; query: always 0. */
  readonly numberRecordsFailed: number;
  /** Why the job failed. */
  readonly errorMessage?: string;
  /** Ingest upsert only. */
  readonly externalIdFieldName?: string;
  /** Query jobs: the SOQL text. */
  readonly query?: string;
  /** Ingest jobs: whether data was uploaded. */
  readonly hasUpload?: boolean;
}

/** Takes a snapshot of a job. */
export function jobSnapshot(job: Job): EmulatorJobInfo {
  const base = {
    kind: job.kind,
    id: job.id,
    operation: job.operation,
    object: job.object,
    state: job.state,
    apiVersion: job.apiVersion,
    createdById: job.createdById,
    createdDate: formatJobTimestamp(job.createdDate),
    systemModstamp: formatJobTimestamp(job.systemModstamp),
    lineEnding: job.lineEnding,
    columnDelimiter: job.columnDelimiter,
    numberRecordsProcessed: job.numberRecordsProcessed,
    numberRecordsFailed: job.kind === 'ingest' ? job.numberRecordsFailed : 0,
    ...(job.errorMessage !== undefined ? { errorMessage: job.errorMessage } : {}),
  };
  if (job.kind === 'query') return { ...base, query: job.query };
  return {
    ...base,
    hasUpload: job.upload !== undefined,
    ...(job.externalIdFieldName !== undefined ? { externalIdFieldName: job.externalIdFieldName } : {}),
  };
}
