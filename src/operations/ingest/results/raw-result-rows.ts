import { concat, concatMap, Observable, type Subscription } from 'rxjs';
import { getIngestResults } from '../../../api/ingest-api.js';
import type { CsvParseOptions } from '../../../csv/csv-push-parser.js';
import type { Utf8CsvRows } from '../../../csv/utf8-csv-rows.js';
import { Utf8CsvScanner } from '../../../csv/utf8-csv-scanner.js';
import type { ApiClient } from '../../../http/api-client.js';
import type { ByteStream } from '../../../http/transport.js';
import type { BulkJob } from '../../../models/bulk-job.js';
import { RESULT_FILE_KINDS, type ResultFileKind } from '../../../models/result-file-kind.js';

/**
 * A batch of result rows as they come: the file's columns and the rows' values as UTF-8 bytes.
 * No string is made per value: the load keys, counts and stores rows from the bytes.
 */
export interface RawResultBatch {
  readonly kind: ResultFileKind;
  readonly header: readonly string[];
  readonly rows: Utf8CsvRows;
}

/**
 * Streams the result files of a terminal job (by default success, failed, unprocessed), one
 * after another, as batches of raw rows parsed as the bytes arrive. Unsubscribing stops the
 * download at once.
 */
export function streamRawResults(
  api: ApiClient,
  job: BulkJob,
  files: readonly ResultFileKind[] = RESULT_FILE_KINDS,
): Observable<RawResultBatch> {
  const { maxFieldChars, maxRowChars } = api.requestLimits;
  const csv = { columnDelimiter: job.columnDelimiter, lineEnding: job.lineEnding, maxFieldChars, maxRowChars };
  return concat(
    ...files.map((kind) =>
      getIngestResults(api, job, kind).pipe(concatMap((response) => parsed(response.body, kind, csv))),
    ),
  );
}

/** The body's rows in batches, pulled chunk by chunk: the next chunk is read once a batch was handled. */
function parsed(body: ByteStream, kind: ResultFileKind, csv: CsvParseOptions): Observable<RawResultBatch> {
  return new Observable<RawResultBatch>((subscriber) => {
    const scanner = new Utf8CsvScanner(csv);
    const encoder = new TextEncoder();
    const iterator = body[Symbol.asyncIterator]();
    let stopped = false;
    const emit = (rows: Utf8CsvRows): void => {
      if (rows.count > 0) subscriber.next({ kind, header: scanner.columns ?? [], rows });
    };
    const pump = async (): Promise<void> => {
      for (let step = await iterator.next(); !step.done; step = await iterator.next()) {
        if (stopped) return;
        const chunk: Uint8Array | string = step.value;
        emit(scanner.push(typeof chunk === 'string' ? encoder.encode(chunk) : chunk));
        if (stopped) return;
      }
      emit(scanner.end());
      subscriber.complete();
    };
    pump().catch((error: unknown) => subscriber.error(error));
    const release: Subscription['unsubscribe'] = () => {
      stopped = true;
      body.cancel?.();
      void iterator.return?.()?.catch(() => undefined);
    };
    return release;
  });
}
