import { formatJobTimestamp } from '../core/sf-date.js';
import type { EmulatorJobState, Job } from './job-types.js';

/** A job as the emulator sees it server side (for assertions in tests). */
export interface EmulatorJobInfo {
  readonly kind: 'ingest' | 'query';
  readonly id: string;
  readonly operation: string;
  readonly object: string;
  readonly state: EmulatorJobState;
  readonly apiVersion: number;
  readonly createdById: string;
  readonly createdDate: string;
  readonly systemModstamp: string;
  readonly lineEnding: string;
  readonly columnDelimiter: string;
  readonly numberRecordsProcessed: number;
  /** Ingest: rows that failed; query: always 0. */
  readonly numberRecordsFailed: number;
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
