import { concat, defer, EMPTY, finalize, map, merge, of, Subject, type Observable, type ObservableInput } from 'rxjs';
import { ValidationError } from '../../errors/validation-error.js';
import type { BulkJob } from '../../models/bulk-job.js';
import { BulkQueryResult } from '../../models/bulk-query-result.js';
import type { BulkEvent } from '../shared/bulk-event.js';
import { forCall, type OperationContext } from '../shared/operation-context.js';
import { RunControl } from '../shared/run-control.js';
import { soqlObject } from '../shared/soql-object.js';
import { pullThrough } from './pull-through.js';
import { QueryCursor, type QueryPage } from './query-cursor.js';
import { runQueryJob, watchQueryJob } from './query-job.js';
import { resolveExistingQueryOptions, resolveQueryOptions } from './query-options.js';

/**
 * Validates a query call and builds its cursor; nothing is sent yet. An empty SOQL string
 * or a bad option is a `ValidationError`, thrown here.
 */
export function openQueryCursor<T>(
  client: OperationContext,
  soql: string,
  options: unknown,
  onJob?: (job: BulkJob) => void,
): QueryCursor<T> {
  if (typeof soql !== 'string' || soql.trim() === '') {
    throw new ValidationError(
      typeof soql === 'string'
        ? 'The SOQL query is empty'
        : `The SOQL query must be a string, not ${soql === null ? 'null' : typeof soql}`,
      [{ message: 'empty query', field: 'soql' }],
    );
  }
  const opts = resolveQueryOptions(options, client.pollPolicy);
  const ctx = forCall(client, opts);
  const { operation, columnDelimiter, lineEnding, onProgress } = opts;
  const control = new RunControl(ctx, operation, soqlObject(soql));
  const definition = { operation, query: soql, columnDelimiter, lineEnding };
  return new QueryCursor<T>({
    ctx,
    control,
    job: runQueryJob(ctx, control, definition, { timeoutMs: opts.timeoutMs, pollPolicy: opts.pollPolicy }),
    columnDelimiter,
    lineEnding,
    maxRecords: opts.maxRecords,
    parallel: opts.parallel,
    ordered: opts.ordered,
    rows: { nest: opts.nest, schema: opts.schema, invalidRows: opts.invalidRows, onInvalidRow: opts.onInvalidRow },
    onJob: (job) => {
      onProgress?.(job);
      onJob?.(job);
    },
  });
}

/**
 * Rows as pages arrive: a cold Observable (each subscription runs its own job). The next
 * chunk is read only after the previous rows were emitted; unsubscribing stops the download
 * at once and aborts a job still running.
 */
export function queryRecords<T>(ctx: OperationContext, soql: string, options?: unknown): Observable<T> {
  return pullThrough(
    () => openQueryCursor<T>(ctx, soql, options),
    (cursor) => cursor.nextBatch(),
    (batch) => batch,
  );
}

/** `query()`: job snapshots, then one `BulkQueryResult` holding every row, then complete. */
export function query<T>(
  ctx: OperationContext,
  soql: string,
  options?: unknown,
): Observable<BulkEvent<BulkQueryResult<T>>> {
  return defer(() => {
    const jobs = new Subject<BulkJob>();
    const cursor = openQueryCursor<T>(ctx, soql, options, (job) => jobs.next(job));
    const records: T[] = [];
    const rows = pullThrough(
      () => cursor,
      (c) => c.nextBatch(),
      (batch) => {
        // push in place: results can hold millions of rows
        for (const row of batch) records.push(row);
        return EMPTY;
      },
    );
    const result = defer(() => {
      const job = cursor.job;
      if (job === undefined) return EMPTY;
      return of<BulkEvent<BulkQueryResult<T>>>({
        type: 'result',
        result: new BulkQueryResult<T>(job, records),
        control: cursor.control,
      });
    });
    const snapshots = jobs.pipe(
      map((job): BulkEvent<BulkQueryResult<T>> => ({ type: 'job', job, control: cursor.control })),
    );
    return merge(snapshots, concat(rows, result).pipe(finalize(() => jobs.complete())));
  });
}

/**
 * Page by page, at the consumer's pace: `work(page)` runs for each page in turn, and the
 * next page is downloaded only once the Observable (or promise) it returned completes.
 * Emits what `work` emits; unsubscribing stops the download and aborts a running job.
 */
export function queryPages<T, R>(
  ctx: OperationContext,
  soql: string,
  work: (page: QueryPage<T>) => ObservableInput<R>,
  options?: unknown,
): Observable<R> {
  return defer(() => {
    if (typeof work !== 'function')
      throw new ValidationError('queryPages needs a function to run for each page', [
        { message: 'not a function', field: 'work' },
      ]);
    return pullThrough(
      () => openQueryCursor<T>(ctx, soql, options),
      (cursor) => cursor.nextPage(),
      work,
    );
  });
}

/**
 * The rows of an existing query job, by id (one started elsewhere, or left running by a
 * deadline): waits for it to complete, then streams every page like `queryRecords` (locator
 * pages, or parallel `resultPages` with `parallel`). The job was not started here: unsubscribing
 * stops the download and never aborts it.
 */
export function queryJobRecords<T>(client: OperationContext, jobId: string, options?: unknown): Observable<T> {
  return pullThrough(
    () => {
      const opts = resolveExistingQueryOptions(options, client.pollPolicy);
      const ctx = forCall(client, opts);
      return new QueryCursor<T>({
        ctx,
        control: new RunControl(ctx, 'query', ''),
        job: watchQueryJob(ctx, jobId, { timeoutMs: opts.timeoutMs, pollPolicy: opts.pollPolicy }),
        columnDelimiter: opts.columnDelimiter,
        lineEnding: opts.lineEnding,
        maxRecords: opts.maxRecords,
        parallel: opts.parallel,
        ordered: opts.ordered,
        rows: { nest: opts.nest, schema: opts.schema, invalidRows: opts.invalidRows, onInvalidRow: opts.onInvalidRow },
        onJob: (job) => opts.onProgress?.(job),
      });
    },
    (cursor) => cursor.nextBatch(),
    (batch) => batch,
  );
}
