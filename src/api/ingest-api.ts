import { defer, map, type Observable } from 'rxjs';
import { ApiError } from '../errors/api-error.js';
import type { ApiClient } from '../http/api-client.js';
import type { ByteStream, HttpResponse, RequestBody } from '../http/transport.js';
import { BulkJob } from '../models/bulk-job.js';
import type { ColumnDelimiter, IngestOperation, LineEnding } from '../models/job-state.js';
import type { ResultFileKind } from '../models/result-file-kind.js';
import { ingestJobInfoSchema } from '../schemas/job-info.js';
import { expectCsv } from './expect-csv.js';
import { checkJobId, expectJobId, formatApiVersion } from './job-id.js';

/** Body of `POST /jobs/ingest`. */
export interface CreateIngestJobBody {
  readonly object: string;
  readonly operation: IngestOperation;
  readonly externalIdFieldName?: string;
  readonly columnDelimiter?: ColumnDelimiter;
  readonly lineEnding?: LineEnding;
  readonly assignmentRuleId?: string;
}

/** The three result files of an ingest job. */
/** The endpoint of each result file. */
const RESULT_PATHS: Readonly<Record<ResultFileKind, string>> = {
  success: 'successfulResults',
  failed: 'failedResults',
  unprocessed: 'unprocessedrecords',
};

const JSON_HEADERS = { 'Content-Type': 'application/json; charset=utf-8' };

/** `POST /jobs/ingest`: creates a job in state `Open`. Not idempotent. */
export function createIngestJob(api: ApiClient, body: CreateIngestJobBody): Observable<BulkJob> {
  return api
    .json(
      {
        method: 'POST',
        path: api.dataPath('/jobs/ingest'),
        headers: JSON_HEADERS,
        body: JSON.stringify({ contentType: 'CSV', ...body }),
        idempotent: false,
        route: 'ingest.create',
      },
      ingestJobInfoSchema,
      'ingest job info',
    )
    .pipe(map((info) => new BulkJob(info, 'ingest')));
}

/**
 * `PUT /jobs/ingest/{id}/batches`: the job's one CSV upload (201, empty body). Resent after a
 * transient failure; a resend refused because the job already holds content (the first
 * attempt landed, its answer was lost) counts as success.
 */
export function uploadJobData(api: ApiClient, jobId: string, csv: RequestBody): Observable<void> {
  return defer(() =>
    api.text({
      method: 'PUT',
      path: api.dataPath(`/jobs/ingest/${checkJobId(jobId)}/batches`),
      headers: { 'Content-Type': 'text/csv' },
      body: csv,
      idempotent: true,
      route: 'ingest.upload',
      alreadyApplied: isDuplicateUpload,
    }),
  ).pipe(map(() => undefined));
}

/** Salesforce's answer to a second upload to one job: 400 `BULK_API_ERROR` "Found multiple contents for job". */
export function isDuplicateUpload(error: unknown): boolean {
  return error instanceof ApiError && error.status === 400 && /multiple contents/i.test(error.message);
}

/** `PATCH /jobs/ingest/{id}` with a new state (`UploadComplete` closes, `Aborted` aborts). */
export function patchIngestJob(
  api: ApiClient,
  jobId: string,
  state: 'UploadComplete' | 'Aborted',
): Observable<BulkJob> {
  return defer(() =>
    api.json(
      {
        method: 'PATCH',
        path: api.dataPath(`/jobs/ingest/${checkJobId(jobId)}`),
        headers: JSON_HEADERS,
        body: JSON.stringify({ state }),
        idempotent: true,
        route: state === 'Aborted' ? 'ingest.abort' : 'ingest.close',
      },
      ingestJobInfoSchema,
      'ingest job info',
    ),
  ).pipe(
    map((info) => new BulkJob(info, 'ingest')),
    expectJobId(jobId),
  );
}

/** `GET /jobs/ingest/{id}`: the job's current state and counters. */
export function getIngestJob(api: ApiClient, jobId: string): Observable<BulkJob> {
  return defer(() =>
    api.json(
      { method: 'GET', path: api.dataPath(`/jobs/ingest/${checkJobId(jobId)}`), route: 'ingest.get' },
      ingestJobInfoSchema,
      'ingest job info',
    ),
  ).pipe(
    map((info) => new BulkJob(info, 'ingest')),
    expectJobId(jobId),
  );
}

/** `DELETE /jobs/ingest/{id}` (204). Only for `UploadComplete` or terminal jobs. */
export function deleteIngestJob(api: ApiClient, jobId: string): Observable<void> {
  return defer(() =>
    api.text({ method: 'DELETE', path: api.dataPath(`/jobs/ingest/${checkJobId(jobId)}`), route: 'ingest.delete' }),
  ).pipe(map(() => undefined));
}

/**
 * `GET /jobs/ingest/{id}/<kind>`: a result file as a byte stream, requested with the
 * job's own API version and gzip.
 */
export function getIngestResults(
  api: ApiClient,
  job: Pick<BulkJob, 'id' | 'apiVersion'>,
  kind: ResultFileKind,
): Observable<HttpResponse<ByteStream>> {
  const file = RESULT_PATHS[kind];
  const version = job.apiVersion !== undefined ? formatApiVersion(job.apiVersion) : api.apiVersion;
  return defer(() =>
    api.stream({
      method: 'GET',
      path: api.dataPath(`/jobs/ingest/${checkJobId(job.id)}/${file}`, version),
      headers: { Accept: 'text/csv', 'Accept-Encoding': 'gzip' },
      route: `ingest.${file}`,
    }),
  ).pipe(expectCsv(`the ${file} of job ${job.id}`, api.secrets));
}
