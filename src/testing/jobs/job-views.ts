import { formatJobTimestamp } from '../core/sf-date.js';
import type { IngestJob, Job, QueryJob } from './job-types.js';

/** A job as JSON (field order follows the documented responses). */
export type JobJson = Readonly<Record<string, string | number | boolean>>;

function timings(job: Job, now: number): { total: number; active: number } {
  if (job.startedAt === undefined) return { total: 0, active: 0 };
  const total = Math.max(0, (job.endedAt ?? now) - job.startedAt);
  // Plausible split: most of the wall time is active processing, the rest queueing.
  return { total, active: Math.floor(total * 0.8) };
}

function head(job: Job): Record<string, string | number | boolean> {
  return {
    id: job.id,
    operation: job.operation,
    object: job.object,
    createdById: job.createdById,
    createdDate: formatJobTimestamp(job.createdDate),
    systemModstamp: formatJobTimestamp(job.systemModstamp),
    state: job.state,
  };
}

function ingestOptional(job: IngestJob): Record<string, string> {
  const out: Record<string, string> = {};
  if (job.externalIdFieldName !== undefined) out.externalIdFieldName = job.externalIdFieldName;
  if (job.assignmentRuleId !== undefined) out.assignmentRuleId = job.assignmentRuleId;
  return out;
}

/** The `contentUrl` of an Open ingest job (relative, no leading slash). */
export function contentUrl(job: IngestJob): string {
  return `services/data/v${job.apiVersion.toFixed(1)}/jobs/ingest/${job.id}/batches`;
}

/** Create response (ingest): no jobType, no counters; contentUrl while Open. */
export function ingestCreateView(job: IngestJob): JobJson {
  return {
    ...head(job),
    ...ingestOptional(job),
    concurrencyMode: 'Parallel',
    contentType: 'CSV',
    apiVersion: job.apiVersion,
    ...(job.state === 'Open' ? { contentUrl: contentUrl(job) } : {}),
    lineEnding: job.lineEnding,
    columnDelimiter: job.columnDelimiter,
  };
}

/** The short form documented for the PATCH (close/abort) response. */
export function ingestPatchView(job: IngestJob): JobJson {
  return {
    ...head(job),
    ...ingestOptional(job),
    concurrencyMode: 'Parallel',
    contentType: 'CSV',
    apiVersion: job.apiVersion,
  };
}

/** Full job info (GET): counters from UploadComplete on, contentUrl only while Open. */
export function ingestInfoView(job: IngestJob, now: number): JobJson {
  const { total, active } = timings(job, now);
  const open = job.state === 'Open';
  return {
    ...head(job),
    ...ingestOptional(job),
    concurrencyMode: 'Parallel',
    contentType: 'CSV',
    apiVersion: job.apiVersion,
    jobType: 'V2Ingest',
    ...(open ? { contentUrl: contentUrl(job) } : {}),
    lineEnding: job.lineEnding,
    columnDelimiter: job.columnDelimiter,
    ...(open
      ? {}
      : { numberRecordsProcessed: job.numberRecordsProcessed, numberRecordsFailed: job.numberRecordsFailed }),
    retries: job.retries,
    totalProcessingTime: total,
    apiActiveProcessingTime: active,
    apexProcessingTime: 0,
    ...(job.state === 'Failed' && job.errorMessage !== undefined ? { errorMessage: job.errorMessage } : {}),
  };
}

/** Create / abort response (query). */
export function queryCreateView(job: QueryJob): JobJson {
  return {
    ...head(job),
    concurrencyMode: 'Parallel',
    contentType: 'CSV',
    apiVersion: job.apiVersion,
    lineEnding: job.lineEnding,
    columnDelimiter: job.columnDelimiter,
  };
}

/**
 * Full query job info. `errorMessage` is added on Failed jobs although the documented shape has
 * none: it costs clients nothing and tells a test why the job failed.
 */
export function queryInfoView(job: QueryJob, now: number): JobJson {
  return {
    ...head(job),
    concurrencyMode: 'Parallel',
    contentType: 'CSV',
    apiVersion: job.apiVersion,
    jobType: 'V2Query',
    lineEnding: job.lineEnding,
    columnDelimiter: job.columnDelimiter,
    numberRecordsProcessed: job.numberRecordsProcessed,
    retries: job.retries,
    totalProcessingTime: timings(job, now).total,
    isPkChunkingSupported: true,
    ...(job.state === 'Failed' && job.errorMessage !== undefined ? { errorMessage: job.errorMessage } : {}),
  };
}

/** A job as it appears in a list page: summary fields, no counters. */
export function listEntryView(job: Job): JobJson {
  const base = {
    ...head(job),
    ...(job.kind === 'ingest' ? ingestOptional(job) : {}),
    concurrencyMode: 'Parallel',
    contentType: 'CSV',
    apiVersion: job.apiVersion,
    jobType: job.kind === 'ingest' ? 'V2Ingest' : 'V2Query',
  };
  const url: Record<string, string> =
    job.kind === 'ingest' && job.state === 'Open' ? { contentUrl: contentUrl(job) } : {};
  return { ...base, lineEnding: job.lineEnding, columnDelimiter: job.columnDelimiter, ...url };
}

/** The full info of any job (what `emulator.jobs.get` returns). */
export function infoView(job: Job, now: number): JobJson {
  return job.kind === 'ingest' ? ingestInfoView(job, now) : queryInfoView(job, now);
}
