import {
  asyncScheduler,
  concatMap,
  of,
  timer,
  type MonoTypeOperatorFunction,
  type Observable,
  type SchedulerLike,
} from 'rxjs';
import {
  BulkResult,
  type BulkError,
  type BulkEvent,
  type BulkJob,
  type BulkRecord,
  type FailedRecord,
  type SuccessRecord,
  type UnprocessedRecord,
} from '../src/index.js';

/** Error codes that are worth a second try: lock contention and transient server trouble. */
export const TRANSIENT_ERROR_CODES: readonly string[] = Object.freeze([
  'UNABLE_TO_LOCK_ROW',
  'TooManyLockFailure',
  'REQUEST_RUNNING_TOO_LONG',
  'SERVER_UNAVAILABLE',
  'UNKNOWN_EXCEPTION',
]);

/** How failed rows are retried. */
export interface RetryFailedRecordsConfig {
  /** Attempts in all, the first job included (default 3). */
  readonly maxAttempts?: number;
  /** Which failed rows to resubmit (default: those whose error code is in `TRANSIENT_ERROR_CODES`). */
  readonly isRetryable?: (record: FailedRecord) => boolean;
  /** Wait before resubmitting, in ms, or a function of the attempt that just ended (default 1000). */
  readonly delay?: number | ((attempt: number) => number);
  /** Scheduler of the delays (a `TestScheduler` in tests). Default: `asyncScheduler`. */
  readonly scheduler?: SchedulerLike;
}

/** What earlier attempts settled, and where the rows of the current attempt came from. */
interface Carried {
  readonly jobs: BulkJob[];
  readonly success: SuccessRecord[];
  readonly failed: FailedRecord[];
  readonly unprocessed: UnprocessedRecord[];
  readonly jobErrors: BulkError[];
  /** Index in the current attempt's input -> index in the original input. */
  readonly origin: readonly (number | undefined)[] | undefined;
}

/** The original input records, by index, as the first attempt's result knows them. */
type InputOf<R extends object> = ((index: number) => R | undefined) | undefined;

/**
 * After an ingest result, resubmits only the rows whose error is retryable, as a new job with
 * the same operation and options, up to `maxAttempts` in all. The final `BulkResult` merges
 * every attempt: each row says in `attempts` how many jobs it went through, rows keep the
 * index of the original input row when it was known, and non-retryable failures pass through
 * untouched. Job snapshots of the retries flow through as they happen.
 *
 * ## Example
 * ```ts
 * import { lastValueFrom } from 'rxjs';
 * import { retryFailedRecords, toResult } from 'kinetic-core/operators';
 *
 * const result = await lastValueFrom(
 *   client.bulk.upsert('Account', rows, 'External_Key__c').pipe(retryFailedRecords({ maxAttempts: 3, delay: 5000 }), toResult()),
 * );
 * console.log(result.successRecords.filter((r) => (r.attempts ?? 1) > 1).length, 'rows needed a retry');
 * ```
 *
 * @param config `maxAttempts`, `isRetryable`, `delay`, `scheduler`.
 * @returns An operator over ingest events.
 */
export function retryFailedRecords<R extends object = object>(
  config: RetryFailedRecordsConfig = {},
): MonoTypeOperatorFunction<BulkEvent<BulkResult<R>>> {
  const maxAttempts = config.maxAttempts ?? 3;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1) throw new RangeError('maxAttempts must be a positive integer');
  const isRetryable =
    config.isRetryable ?? ((record: FailedRecord) => TRANSIENT_ERROR_CODES.includes(record.error.statusCode));
  const delayOf =
    typeof config.delay === 'function' ? config.delay : () => (config.delay as number | undefined) ?? 1000;
  const scheduler = config.scheduler ?? asyncScheduler;

  const run = (
    events: Observable<BulkEvent<BulkResult>>,
    attempt: number,
    carried: Carried,
    input: InputOf<R>,
  ): Observable<BulkEvent<BulkResult<R>>> =>
    events.pipe(
      concatMap((event): Observable<BulkEvent<BulkResult<R>>> => {
        if (event.type === 'job') return of(event);
        const { result, control } = event;
        // read once: a result's rows may be made on each access, so identity holds only within this copy
        const failed = [...result.failedRecords];
        const retry = attempt < maxAttempts && control.resubmit ? failed.filter(isRetryable) : [];
        const settled = settle(carried, result, failed, attempt, new Set(retry));
        if (retry.length === 0 || !control.resubmit) {
          return of({ type: 'result', control, result: merged(settled, result.job, input) });
        }
        const next: Carried = { ...settled, origin: retry.map((r) => translate(carried.origin, r.inputIndex)) };
        const rows: BulkRecord[] = retry.map((r) => ({ ...r.fields }));
        const resubmit = control.resubmit;
        return timer(delayOf(attempt), scheduler).pipe(concatMap(() => run(resubmit(rows), attempt + 1, next, input)));
      }),
    );

  const empty: Carried = { jobs: [], success: [], failed: [], unprocessed: [], jobErrors: [], origin: undefined };
  // the first attempt's result knows the original input; later attempts are of retried rows only
  return (source) =>
    source.pipe(
      concatMap((event) => {
        if (event.type === 'job') return of(event);
        const first = event.result;
        const input: InputOf<R> = (index) => first.inputOf({ jobId: first.job.id, inputIndex: index });
        return run(of(event), 1, empty, input);
      }),
    );
}

/** Adds one attempt's outcome to what is carried, leaving out the rows about to be retried. */
function settle(
  carried: Carried,
  result: BulkResult,
  failed: readonly FailedRecord[],
  attempt: number,
  retrying: ReadonlySet<FailedRecord>,
): Carried {
  const stamp = <T extends { inputIndex?: number | undefined }>(row: T): T => ({
    ...row,
    attempts: attempt,
    inputIndex: translate(carried.origin, row.inputIndex),
  });
  return {
    jobs: [...carried.jobs, ...result.jobs],
    success: [...carried.success, ...result.successRecords.map(stamp)],
    failed: [...carried.failed, ...failed.filter((r) => !retrying.has(r)).map(stamp)],
    unprocessed: [...carried.unprocessed, ...result.unprocessedRecords.map(stamp)],
    jobErrors: [...carried.jobErrors, ...result.jobErrors],
    origin: carried.origin,
  };
}

function merged<R extends object>(carried: Carried, job: BulkJob, input: InputOf<R>): BulkResult<R> {
  return new BulkResult<R>({
    job,
    input,
    jobs: carried.jobs,
    successRecords: carried.success,
    failedRecords: carried.failed,
    unprocessedRecords: carried.unprocessed,
    jobErrors: carried.jobErrors,
  });
}

function translate(origin: readonly (number | undefined)[] | undefined, index: number | undefined): number | undefined {
  if (!origin) return index;
  return index === undefined ? undefined : origin[index];
}
