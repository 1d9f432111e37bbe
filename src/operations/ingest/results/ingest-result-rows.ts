import { concat, concatMap, from, map, type Observable } from 'rxjs';
import { getIngestResults } from '../../../api/ingest-api.js';
import { parseCsvStream } from '../../../csv/csv-stream-parser.js';
import { toFailedRecord, toSuccessRecord, toUnprocessedRecord } from '../../../csv/result-rows.js';
import type { ApiClient } from '../../../http/api-client.js';
import type { BulkJob } from '../../../models/bulk-job.js';
import type { FailedRecord, SuccessRecord, UnprocessedRecord } from '../../../models/bulk-result.js';
import { RESULT_FILE_KINDS, type ResultFileKind } from '../../../models/result-file-kind.js';

/** A batch of parsed result rows of one of the three result files. */
export type ResultBatch =
  | {
      /** Rows of `successfulResults`. */
      readonly kind: 'success';
      /** The rows, in file order. */
      readonly rows: SuccessRecord[];
    }
  | {
      /** Rows of `failedResults`. */
      readonly kind: 'failed';
      /** The rows, in file order. */
      readonly rows: FailedRecord[];
    }
  | {
      /** Rows of `unprocessedrecords`. */
      readonly kind: 'unprocessed';
      /** The rows, in file order. */
      readonly rows: UnprocessedRecord[];
    };

/** Streams one result file and turns its rows into models, batch by batch as bytes arrive. */
function fetchResultRows<T>(
  api: ApiClient,
  job: BulkJob,
  kind: ResultFileKind,
  toModel: (row: Record<string, string>, jobId: string) => T,
): Observable<T[]> {
  const { maxFieldChars, maxRowChars } = api.requestLimits;
  const csv = { columnDelimiter: job.columnDelimiter, lineEnding: job.lineEnding, maxFieldChars, maxRowChars };
  return getIngestResults(api, job, kind).pipe(
    concatMap((response) => from(parseCsvStream(response.body, csv))),
    map((rows) => rows.map((row) => toModel(row, job.id))),
  );
}

/** One result file of a terminal job, as batches of rows. */
function resultFile(api: ApiClient, job: BulkJob, kind: ResultFileKind): Observable<ResultBatch> {
  switch (kind) {
    case 'success':
      return fetchResultRows(api, job, kind, toSuccessRecord).pipe(map((rows): ResultBatch => ({ kind, rows })));
    case 'failed':
      return fetchResultRows(api, job, kind, toFailedRecord).pipe(map((rows): ResultBatch => ({ kind, rows })));
    case 'unprocessed':
      return fetchResultRows(api, job, kind, toUnprocessedRecord).pipe(map((rows): ResultBatch => ({ kind, rows })));
  }
}

/**
 * Streams the result files of a terminal job (by default success, failed, unprocessed), one file
 * after another, as batches of rows: nothing is accumulated here, so a caller that only counts
 * successes holds no more than one batch of them.
 */
export function streamIngestResults(
  api: ApiClient,
  job: BulkJob,
  files: readonly ResultFileKind[] = RESULT_FILE_KINDS,
): Observable<ResultBatch> {
  return concat(...files.map((kind) => resultFile(api, job, kind)));
}
