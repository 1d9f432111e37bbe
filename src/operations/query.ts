import { from, Observable, type ObservableInput, type Subscription } from 'rxjs';
import { ValidationError } from '../errors/validation-error.js';
import { BulkQueryResult } from '../models/bulk-query-result.js';
import type { BulkJob } from '../models/bulk-job.js';
import { resolvePollPolicy, type PollPolicyInput } from '../poller/poll-policy.js';
import type { BulkEvent } from './bulk-event.js';
import { parseOptions } from './ingest-options.js';
import { withRetryPolicy, type OperationContext } from './operation-context.js';
import { QueryCursor, type QueryPage } from './query-cursor.js';
import { QUERY_DEFAULTS, queryOptionsSchema, type QueryOptions } from './query-options.js';
import { RunControl } from './run-control.js';
import { soqlObject } from './soql-object.js';

/**
 * Validates a query call and builds its cursor; nothing is sent yet. An empty SOQL string
 * or a bad option is a `ValidationError`, thrown here.
 */
export function openQueryCursor<T>(
  client: OperationContext,
  soql: string,
  options: QueryOptions | undefined,
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
  const opts = parseOptions(queryOptionsSchema, options) as QueryOptions;
  const ctx = withRetryPolicy(client, opts.retryPolicy);
  const pollPolicy = resolvePollPolicy(opts.pollPolicy as PollPolicyInput | undefined, ctx.pollPolicy);
  const operation = opts.queryAll ? 'queryAll' : 'query';
  const columnDelimiter = opts.columnDelimiter ?? 'COMMA';
  const lineEnding = opts.lineEnding ?? 'LF';
  const onProgress = opts.onProgress;
  return new QueryCursor<T>({
    ctx,
    control: new RunControl(ctx, operation, soqlObject(soql)),
    definition: { operation, query: soql, columnDelimiter, lineEnding },
    job: { timeoutMs: (opts.timeoutMinutes ?? QUERY_DEFAULTS.timeoutMinutes) * 60_000, pollPolicy },
    columnDelimiter,
    lineEnding,
    maxRecords: opts.maxRecords,
    parallel: opts.parallel ?? QUERY_DEFAULTS.parallel,
    ordered: opts.ordered ?? QUERY_DEFAULTS.ordered,
    rows: {
      nest: opts.nest ?? QUERY_DEFAULTS.nest,
      schema: opts.schema,
      invalidRows: opts.invalidRows ?? QUERY_DEFAULTS.invalidRows,
      onInvalidRow: opts.onInvalidRow,
    },
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
export function queryRecords<T>(ctx: OperationContext, soql: string, options?: QueryOptions): Observable<T> {
  return new Observable<T>((subscriber) => {
    const cursor = openQueryCursor<T>(ctx, soql, options);
    void (async () => {
      for (let batch = await cursor.nextBatch(); batch !== null; batch = await cursor.nextBatch()) {
        for (const row of batch) {
          if (subscriber.closed) return;
          subscriber.next(row);
        }
      }
      subscriber.complete();
    })().catch((error: unknown) => subscriber.error(error));
    return () => void cursor.close();
  });
}

/** The seed's `query()`: job snapshots, then one `BulkQueryResult` holding every row, then complete. */
export function query<T>(
  ctx: OperationContext,
  soql: string,
  options?: QueryOptions,
): Observable<BulkEvent<BulkQueryResult<T>>> {
  return new Observable<BulkEvent<BulkQueryResult<T>>>((subscriber) => {
    // snapshots arrive only once reading has started, after `cursor` is assigned
    const cursor: QueryCursor<T> = openQueryCursor<T>(ctx, soql, options, (job) =>
      subscriber.next({ type: 'job', job, control: cursor.control }),
    );
    void (async () => {
      const records: T[] = [];
      // push in place: results can hold millions of rows
      for (let batch = await cursor.nextBatch(); batch !== null; batch = await cursor.nextBatch())
        for (const row of batch) records.push(row);
      const job = cursor.job;
      if (subscriber.closed || job === undefined) return;
      subscriber.next({ type: 'result', result: new BulkQueryResult<T>(job, records), control: cursor.control });
      subscriber.complete();
    })().catch((error: unknown) => subscriber.error(error));
    return () => void cursor.close();
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
  options?: QueryOptions,
): Observable<R> {
  return new Observable<R>((subscriber) => {
    if (typeof work !== 'function')
      throw new ValidationError('queryPages needs a function to run for each page', [
        { message: 'not a function', field: 'work' },
      ]);
    const cursor = openQueryCursor<T>(ctx, soql, options);
    let inner: Subscription | undefined;
    const step = (): void => {
      cursor
        .nextPage()
        .then((page) => {
          if (subscriber.closed) return;
          if (page === null) return subscriber.complete();
          inner = from(work(page)).subscribe({
            next: (value) => subscriber.next(value),
            error: (error: unknown) => subscriber.error(error),
            complete: step,
          });
        })
        .catch((error: unknown) => subscriber.error(error));
    };
    step();
    return () => {
      inner?.unsubscribe();
      void cursor.close();
    };
  });
}
