import type { Observable, OperatorFunction } from 'rxjs';
import { sinkRecords, type BulkV2Client, type SinkEvent, type SinkOptions } from '../src/index.js';

/**
 * Pipes an endless stream of records into Salesforce: `sinkRecords` as an operator. The
 * records are cut into jobs by count, bytes or time (`maxRecordsPerJob`, `maxBytesPerJob`,
 * `maxWaitMs` after a job's first record), at most `concurrency` jobs are open at once, and
 * each job's `BulkResult` comes out as a `jobResult` event as soon as that job finishes, after
 * its `job` snapshots. The source waits in a bounded buffer (`bufferSize`; when full,
 * `overflow: 'error'` ends with `SinkOverflowError`, `'drop'` emits `dropped`); below the org's
 * `minRemainingApiCalls` the sink emits `paused`, creates no job, and `resumed` once `/limits`
 * allows. When the source completes, the last partial job is cut and finished, then the stream
 * completes; unsubscribing aborts the open jobs (or lets them finish: `onUnsubscribe: 'drain'`).
 *
 * Every time-based step (the cut timer, the `/limits` polls, each job's polls) runs on the
 * client's scheduler, so a `TestScheduler` or `VirtualTimeScheduler` drives it in tests.
 *
 * ## Example
 * ```ts
 * import { filter } from 'rxjs';
 * import { bulkSink } from 'kinetic-core/operators';
 *
 * accounts$
 *   .pipe(
 *     bulkSink(client.bulk, 'Account', { maxRecordsPerJob: 10_000, maxWaitMs: 5_000, concurrency: 3 }),
 *     filter((event) => event.type === 'jobResult'),
 *   )
 *   .subscribe((event) => console.log(`${event.job.id}: ${event.result.successCount} loaded`));
 * ```
 *
 * @param bulk The client's `client.bulk`.
 * @param sobject The sObject every job loads.
 * @param options The sink's options (see `SinkOptions`); checked on subscription, before any request.
 * @returns An operator from records to the sink's events.
 */
export function bulkSink<R extends object>(
  bulk: BulkV2Client,
  sobject: string,
  options?: SinkOptions,
): OperatorFunction<R, SinkEvent<R>> {
  return (source: Observable<R>) => sinkRecords<R>(bulk, sobject, source, options);
}
