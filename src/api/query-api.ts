import { defer, map, type Observable } from 'rxjs';
import * as z from 'zod/mini';
import type { ApiClient } from '../http/api-client.js';
import type { ByteStream, HttpResponse } from '../http/transport.js';
import { BulkJob } from '../models/bulk-job.js';
import type { ColumnDelimiter, LineEnding, QueryOperation } from '../models/job-state.js';
import { queryJobInfoSchema } from '../schemas/job-info.js';
import { expectCsv } from './expect-csv.js';
import { checkJobId, expectJobId, formatApiVersion } from './job-id.js';

/** Body of `POST /jobs/query`. */
export interface CreateQueryJobBody {
  readonly operation: QueryOperation;
  readonly query: string;
  readonly columnDelimiter?: ColumnDelimiter;
  readonly lineEnding?: LineEnding;
}

const JSON_HEADERS = { 'Content-Type': 'application/json; charset=utf-8' };

/** `POST /jobs/query`: the job starts in `UploadComplete`. Not idempotent. */
export function createQueryJob(api: ApiClient, body: CreateQueryJobBody): Observable<BulkJob> {
  return api
    .json(
      {
        method: 'POST',
        path: api.dataPath('/jobs/query'),
        headers: JSON_HEADERS,
        body: JSON.stringify({ contentType: 'CSV', ...body }),
        idempotent: false,
        route: 'query.create',
      },
      queryJobInfoSchema,
      'query job info',
    )
    .pipe(map((info) => new BulkJob(info, 'query')));
}

/** `GET /jobs/query/{id}`. */
export function getQueryJob(api: ApiClient, jobId: string): Observable<BulkJob> {
  return defer(() =>
    api.json(
      { method: 'GET', path: api.dataPath(`/jobs/query/${checkJobId(jobId)}`), route: 'query.get' },
      queryJobInfoSchema,
      'query job info',
    ),
  ).pipe(
    map((info) => new BulkJob(info, 'query')),
    expectJobId(jobId),
  );
}

/** `PATCH /jobs/query/{id}` `{"state":"Aborted"}`. */
export function abortQueryJob(api: ApiClient, jobId: string): Observable<BulkJob> {
  return defer(() =>
    api.json(
      {
        method: 'PATCH',
        path: api.dataPath(`/jobs/query/${checkJobId(jobId)}`),
        headers: JSON_HEADERS,
        body: JSON.stringify({ state: 'Aborted' }),
        idempotent: true,
        route: 'query.abort',
      },
      queryJobInfoSchema,
      'query job info',
    ),
  ).pipe(
    map((info) => new BulkJob(info, 'query')),
    expectJobId(jobId),
  );
}

/** `DELETE /jobs/query/{id}` (204). Only for terminal jobs. */
export function deleteQueryJob(api: ApiClient, jobId: string): Observable<void> {
  return defer(() =>
    api.text({ method: 'DELETE', path: api.dataPath(`/jobs/query/${checkJobId(jobId)}`), route: 'query.delete' }),
  ).pipe(map(() => undefined));
}

/** One page of results as a byte stream, with its paging headers still to be read. */
export interface ResultPageResponse {
  readonly response: HttpResponse<ByteStream>;
}

/** `GET /jobs/query/{id}/results[?locator&maxRecords]`, with the job's API version and gzip. */
export function getQueryResultsPage(
  api: ApiClient,
  job: Pick<BulkJob, 'id' | 'apiVersion'>,
  page: {
    readonly locator?: string | undefined;
    readonly maxRecords?: number | undefined;
    readonly url?: string | undefined;
  },
): Observable<HttpResponse<ByteStream>> {
  const version = job.apiVersion !== undefined ? formatApiVersion(job.apiVersion) : api.apiVersion;
  return defer(() =>
    api.stream({
      method: 'GET',
      path: page.url ?? api.dataPath(`/jobs/query/${checkJobId(job.id)}/results`, version),
      query: page.url ? {} : { locator: page.locator, maxRecords: page.maxRecords },
      headers: { Accept: 'text/csv', 'Accept-Encoding': 'gzip' },
      route: 'query.results',
    }),
  ).pipe(expectCsv(`a result page of job ${job.id}`, api.secrets));
}

/** `resultPages` answer in either the documented or the observed shape, normalised. */
export const resultPagesSchema = z.pipe(
  z
    .looseObject({
      resultPages: z.optional(z.array(z.looseObject({ resultUrl: z.string() }))),
      resultChunks: z.optional(z.array(z.looseObject({ resultLink: z.string() }))),
      nextRecordsUrl: z.nullish(z.string()),
      done: z.optional(z.boolean()),
    })
    .check(
      z.refine((v) => v.resultPages !== undefined || v.resultChunks !== undefined, {
        message: 'neither resultPages nor resultChunks',
      }),
    ),
  z.transform((v) => ({
    urls: [...(v.resultPages ?? []).map((p) => p.resultUrl), ...(v.resultChunks ?? []).map((c) => c.resultLink)],
    nextRecordsUrl: v.nextRecordsUrl ?? null,
    done: v.done ?? !v.nextRecordsUrl,
  })),
);

/** `GET /jobs/query/{id}/resultPages` (API 58.0+) or a `nextRecordsUrl` of it. */
export function getResultPages(
  api: ApiClient,
  job: Pick<BulkJob, 'id' | 'apiVersion'>,
  url?: string,
): Observable<z.output<typeof resultPagesSchema>> {
  const version = job.apiVersion !== undefined ? formatApiVersion(job.apiVersion) : api.apiVersion;
  return defer(() =>
    api.json(
      {
        method: 'GET',
        path: url ?? api.dataPath(`/jobs/query/${checkJobId(job.id)}/resultPages`, version),
        route: 'query.resultPages',
      },
      resultPagesSchema,
      'result pages',
    ),
  );
}
