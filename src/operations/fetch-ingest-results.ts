import { concat, concatMap, from, map, type Observable } from 'rxjs';
import { parseCsvStream } from '../csv/csv-stream-parser.js';
import { toFailedRecord, toSuccessRecord, toUnprocessedRecord } from '../csv/result-rows.js';
import type { ApiClient } from '../http/api-client.js';
import { getIngestResults, type IngestResultKind } from '../jobs/ingest-api.js';
import type { BulkJob } from '../models/bulk-job.js';
import type { FailedRecord, SuccessRecord, UnprocessedRecord } from '../models/bulk-result.js';

/** A batch of parsed result rows of one of the three result files. */
export type ResultBatch =
  | { readonly kind: 'success'; readonly rows: SuccessRecord[] }
  | { readonly kind: 'failed'; readonly rows: FailedRecord[] }
  | { readonly kind: 'unprocessed'; readonly rows: UnprocessedRecord[] };

/** Streams one result file and turns its rows into models, batch by batch as bytes arrive. */
export function fetchResultRows<T>(
  api: ApiClient,
  job: BulkJob,
  kind: IngestResultKind,
  toModel: (row: Record<string, string>, jobId: string) => T,
): Observable<T[]> {
  const csv = { columnDelimiter: job.columnDelimiter, lineEnding: job.lineEnding };
  return getIngestResults(api, job, kind).pipe(
    concatMap((response) => from(parseCsvStream(response.body, csv))),
    map((rows) => rows.map((row) => toModel(row, job.id))),
  );
}

/**
 * Streams successfulResults, failedResults and unprocessedrecords of a terminal job, one file
 * after another, as batches of rows: nothing is accumulated here, so a caller that only counts
 * successes holds no more than one batch of them.
 */
export function streamIngestResults(api: ApiClient, job: BulkJob): Observable<ResultBatch> {
  return concat(
    fetchResultRows(api, job, 'successfulResults', toSuccessRecord).pipe(
      map((rows): ResultBatch => ({ kind: 'success', rows })),
    ),
    fetchResultRows(api, job, 'failedResults', toFailedRecord).pipe(
      map((rows): ResultBatch => ({ kind: 'failed', rows })),
    ),
    fetchResultRows(api, job, 'unprocessedrecords', toUnprocessedRecord).pipe(
      map((rows): ResultBatch => ({ kind: 'unprocessed', rows })),
    ),
  );
}
