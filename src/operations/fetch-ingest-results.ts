import { concatMap, defer, from, map, reduce, type Observable } from 'rxjs';
import { parseCsvStream } from '../csv/csv-stream-parser.js';
import { toFailedRecord, toSuccessRecord, toUnprocessedRecord } from '../csv/result-rows.js';
import type { ApiClient } from '../http/api-client.js';
import { getIngestResults, type IngestResultKind } from '../jobs/ingest-api.js';
import type { BulkJob } from '../models/bulk-job.js';
import type { FailedRecord, SuccessRecord, UnprocessedRecord } from '../models/bulk-result.js';

/** The three result files of a finished job, parsed. */
export interface IngestJobResults {
  readonly successRecords: SuccessRecord[];
  readonly failedRecords: FailedRecord[];
  readonly unprocessedRecords: UnprocessedRecord[];
}

/** Streams one result file and turns its rows into models, batch by batch as bytes arrive. */
export function fetchResultRows<T>(api: ApiClient, job: BulkJob, kind: IngestResultKind, toModel: (row: Record<string, string>, jobId: string) => T): Observable<T[]> {
  const csv = { columnDelimiter: job.columnDelimiter, lineEnding: job.lineEnding };
  return getIngestResults(api, job, kind).pipe(
    concatMap((response) => from(parseCsvStream(response.body, csv))),
    map((rows) => rows.map((row) => toModel(row, job.id))),
  );
}

/** Fetches successfulResults, failedResults and unprocessedrecords of a terminal job, one after another. */
export function fetchIngestResults(api: ApiClient, job: BulkJob): Observable<IngestJobResults> {
  const success = fetchResultRows(api, job, 'successfulResults', toSuccessRecord).pipe(map((rows) => ({ kind: 'success' as const, rows })));
  const failed = fetchResultRows(api, job, 'failedResults', toFailedRecord).pipe(map((rows) => ({ kind: 'failed' as const, rows })));
  const unprocessed = fetchResultRows(api, job, 'unprocessedrecords', toUnprocessedRecord).pipe(map((rows) => ({ kind: 'unprocessed' as const, rows })));
  // defer: each subscription gets its own accumulator
  return defer(() =>
    from([success, failed, unprocessed]).pipe(
      concatMap((part) => part),
      reduce((acc: IngestJobResults, part) => {
        // push in place: results can hold millions of rows, spreading would copy them each batch
        if (part.kind === 'success') for (const r of part.rows) acc.successRecords.push(r);
        else if (part.kind === 'failed') for (const r of part.rows) acc.failedRecords.push(r);
        else for (const r of part.rows) acc.unprocessedRecords.push(r);
        return acc;
      }, emptyResults()),
    ),
  );
}

function emptyResults(): IngestJobResults {
  return { successRecords: [], failedRecords: [], unprocessedRecords: [] };
}
