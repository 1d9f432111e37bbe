import type { Observable, ObservableInput } from 'rxjs';
import type { BulkJob } from '../models/bulk-job.js';
import type { BulkQueryResult } from '../models/bulk-query-result.js';
import type { BulkResult } from '../models/bulk-result.js';
import type { ResultFileKind } from '../models/result-file-kind.js';
import { abortJobById, findJob, listAllJobs, type ListJobsFilter } from '../operations/existing/existing-job.js';
import { streamJobResults } from '../operations/existing/job-results.js';
import { waitForExistingJob, type WaitForJobOptions } from '../operations/existing/wait-for-job.js';
import type { CsvInput, IngestInput } from '../operations/ingest/ingest-input.js';
import type { IngestOptions } from '../operations/ingest/ingest-options.js';
import type { ResultBatch } from '../operations/ingest/results/ingest-result-rows.js';
import { ingest, type IngestRequest } from '../operations/ingest/ingest.js';
import type { QueryCursor, QueryPage } from '../operations/query/query-cursor.js';
import type { ExistingQueryOptions, QueryOptions, QueryRow } from '../operations/query/query-options.js';
import { openQueryCursor, query, queryJobRecords, queryPages, queryRecords } from '../operations/query/query.js';
import type { BulkEvent, BulkJobEvent } from '../operations/shared/bulk-event.js';
import type { OperationContext } from '../operations/shared/operation-context.js';

/** The context of each facade, for the operations that live outside the class (so that a bundle without them leaves them out). */
const contexts = new WeakMap<BulkV2Client, OperationContext>();

/** @internal The operation context behind a `client.bulk` (`sinkRecords` runs on it). */
export function contextOf(bulk: BulkV2Client): OperationContext {
  const ctx = contexts.get(bulk);
  if (!ctx) throw new TypeError('not a client.bulk of a SalesforceClient');
  return ctx;
}

/** A record that names the record to delete by its `Id`. */
export interface IdRecord {
  /** The record id. */
  readonly Id: string;
}

/** Ids to delete: id strings or records carrying `Id`, in an array, an (async) iterable or an Observable. */
export type IdList<R extends IdRecord = IdRecord> =
  readonly (string | R)[] | Iterable<string | R> | AsyncIterable<string | R> | Observable<string | R> | CsvInput;

/** Ingest options that leave the job running once it is uploaded: the stream carries job events only. */
export type StartOnlyOptions = IngestOptions & {
  /** Leave the job running once uploaded and closed. */
  readonly wait: false;
};

/**
 * `client.bulk`: the Bulk API 2.0 operations. Each returns a cold Observable of
 * {@link BulkEvent}s: job snapshots while it runs, then one result, then complete.
 * Nothing is sent until you subscribe; unsubscribing aborts the job on the server.
 *
 * Every ingest method takes `{ wait: false }` too: the stream then completes once the job is
 * uploaded and closed, with job events only; its type says so (`toResult()` after it does not
 * compile). Follow the job with `waitForJob(id)`.
 *
 * Records may be of any object type (interfaces included); values are written as described in
 * docs/large-loads.md (`null` clears a field, `Date` as an ISO date-time, nested objects as
 * relationship lookups).
 */
export class BulkV2Client {
  /** @internal built by `SalesforceClient` */
  constructor(private readonly ctx: OperationContext) {
    contexts.set(this, ctx);
  }

  /**
   * Inserts records. `records` may be an array, an (async) iterable or an Observable of
   * records, or raw CSV (a string, a `Blob`, a stream, `csvInput(...)`); large inputs are
   * streamed and split into several jobs (`maxBytesPerJob`, `maxRecordsPerJob`, `concurrency`).
   */
  insert<R extends object>(
    sobject: string,
    records: IngestInput<R>,
    options: StartOnlyOptions,
  ): Observable<BulkJobEvent>;
  insert<R extends object>(
    sobject: string,
    records: IngestInput<R>,
    options?: IngestOptions,
  ): Observable<BulkEvent<BulkResult<R>>>;
  insert<R extends object>(
    sobject: string,
    records: IngestInput<R>,
    options?: IngestOptions,
  ): Observable<BulkEvent<BulkResult<R>>> {
    return this.run<R>({ operation: 'insert', object: sobject, records, options, input: recordsAt(records) });
  }

  /** Updates records; every record needs its `Id`. */
  update<R extends object>(
    sobject: string,
    records: IngestInput<R>,
    options: StartOnlyOptions,
  ): Observable<BulkJobEvent>;
  update<R extends object>(
    sobject: string,
    records: IngestInput<R>,
    options?: IngestOptions,
  ): Observable<BulkEvent<BulkResult<R>>>;
  update<R extends object>(
    sobject: string,
    records: IngestInput<R>,
    options?: IngestOptions,
  ): Observable<BulkEvent<BulkResult<R>>> {
    return this.run<R>({ operation: 'update', object: sobject, records, options, input: recordsAt(records) });
  }

  /** Inserts or updates records matched on an external id field, which every record must carry. */
  upsert<R extends object>(
    sobject: string,
    records: IngestInput<R>,
    externalIdField: string,
    options: StartOnlyOptions,
  ): Observable<BulkJobEvent>;
  upsert<R extends object>(
    sobject: string,
    records: IngestInput<R>,
    externalIdField: string,
    options?: IngestOptions,
  ): Observable<BulkEvent<BulkResult<R>>>;
  upsert<R extends object>(
    sobject: string,
    records: IngestInput<R>,
    externalIdField: string,
    options?: IngestOptions,
  ): Observable<BulkEvent<BulkResult<R>>> {
    return this.run<R>({
      operation: 'upsert',
      object: sobject,
      records,
      externalIdField,
      options,
      input: recordsAt(records),
    });
  }

  /** Soft-deletes records (to the Recycle Bin). */
  delete<R extends IdRecord>(sobject: string, ids: IdList<R>, options: StartOnlyOptions): Observable<BulkJobEvent>;
  delete<R extends IdRecord>(
    sobject: string,
    ids: IdList<R>,
    options?: IngestOptions,
  ): Observable<BulkEvent<BulkResult>>;
  delete<R extends IdRecord>(
    sobject: string,
    ids: IdList<R>,
    options?: IngestOptions,
  ): Observable<BulkEvent<BulkResult>> {
    return this.run({ operation: 'delete', object: sobject, records: ids, options });
  }

  /** Deletes records permanently; needs the "Bulk API Hard Delete" permission. */
  hardDelete<R extends IdRecord>(sobject: string, ids: IdList<R>, options: StartOnlyOptions): Observable<BulkJobEvent>;
  hardDelete<R extends IdRecord>(
    sobject: string,
    ids: IdList<R>,
    options?: IngestOptions,
  ): Observable<BulkEvent<BulkResult>>;
  hardDelete<R extends IdRecord>(
    sobject: string,
    ids: IdList<R>,
    options?: IngestOptions,
  ): Observable<BulkEvent<BulkResult>> {
    return this.run({ operation: 'hardDelete', object: sobject, records: ids, options });
  }

  /**
   * Runs a SOQL query job: job snapshots (`UploadComplete`, `InProgress`, `JobComplete`),
   * then one `BulkQueryResult` holding every row. For large results prefer `queryRecords`
   * or `queryCursor`, which do not hold the result in memory.
   */
  query<const O extends QueryOptions = QueryOptions>(
    soql: string,
    options?: O,
  ): Observable<BulkEvent<BulkQueryResult<QueryRow<O>>>> {
    return query<QueryRow<O>>(this.ctx, soql, options);
  }

  /** Runs a SOQL query job and emits its rows as result pages arrive (no job events; `onProgress` still sees them). */
  queryRecords<const O extends QueryOptions = QueryOptions>(soql: string, options?: O): Observable<QueryRow<O>> {
    return queryRecords<QueryRow<O>>(this.ctx, soql, options);
  }

  /**
   * A pull interface for slow consumers: an `AsyncIterable` of rows (also `pages()`,
   * `nextPage()`, `nextBatch()`, `close()`) that fetches nothing ahead of the reader. Nothing
   * is sent until the first read. Throws `ValidationError` at once for bad input.
   */
  queryCursor<const O extends QueryOptions = QueryOptions>(soql: string, options?: O): QueryCursor<QueryRow<O>> {
    return openQueryCursor<QueryRow<O>>(this.ctx, soql, options);
  }

  /**
   * Page by page at the consumer's pace: runs `work(page)` for each page in turn and
   * downloads the next page only when what `work` returned completes. Emits what `work` emits.
   */
  queryPages<R, const O extends QueryOptions = QueryOptions>(
    soql: string,
    work: (page: QueryPage<QueryRow<O>>) => ObservableInput<R>,
    options?: O,
  ): Observable<R> {
    return queryPages<QueryRow<O>, R>(this.ctx, soql, work, options);
  }

  /**
   * The rows of an existing query job by id (one left running by a deadline, or started
   * elsewhere): waits for it to complete, then streams every page, like `queryRecords`.
   * Unsubscribing stops the download and never aborts the job (it was not started here).
   */
  queryJobRecords<const O extends ExistingQueryOptions = ExistingQueryOptions>(
    jobId: string,
    options?: O,
  ): Observable<QueryRow<O>> {
    return queryJobRecords<QueryRow<O>>(this.ctx, jobId, options);
  }

  /** A job's current snapshot by id, ingest or query (the ingest endpoint is asked first). */
  getJob(jobId: string): Observable<BulkJob> {
    return findJob(this.ctx, jobId);
  }

  /** Every Bulk API 2.0 job of the org, one snapshot per job (ingest then query unless `kind` is given). */
  listJobs(filter?: ListJobsFilter): Observable<BulkJob> {
    return listAllJobs(this.ctx, filter);
  }

  /** Aborts a job by id and emits its `Aborted` snapshot; a job that already finished is emitted as it is. */
  abortJob(jobId: string): Observable<BulkJob> {
    return abortJobById(this.ctx, jobId);
  }

  /**
   * Resumes an existing job by id: snapshots until it is terminal, then (ingest jobs) one
   * `BulkResult` from its result files. Unsubscribing stops watching and never aborts the job.
   */
  waitForJob(jobId: string, options?: WaitForJobOptions): Observable<BulkEvent<BulkResult>> {
    return waitForExistingJob(this.ctx, jobId, options);
  }

  /**
   * Streams the result rows of a finished ingest job by id, in batches, file after file
   * (default `success`, `failed`, `unprocessed`), holding nothing: for writing results of any size.
   */
  jobResults(jobId: string, files?: readonly ResultFileKind[]): Observable<ResultBatch> {
    return streamJobResults(this.ctx, jobId, files);
  }

  private run<R extends object = object>(request: IngestRequest<R>): Observable<BulkEvent<BulkResult<R>>> {
    return ingest(this.ctx, request);
  }
}

/** The typed record at an index of an array input (what `BulkResult.inputOf` returns); undefined for other inputs. */
function recordsAt<R extends object>(records: IngestInput<R>): ((index: number) => R | undefined) | undefined {
  return isRecordArray(records) ? (index) => records[index] : undefined;
}

function isRecordArray<R extends object>(records: IngestInput<R>): records is readonly R[] {
  return Array.isArray(records);
}
