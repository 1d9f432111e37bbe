import type { Observable } from 'rxjs';
import type { SinkEvent } from '../operations/sink/sink-event.js';
import type { SinkOptions } from '../operations/sink/sink-options.js';
import { sink, type SinkSource } from '../operations/sink/sink.js';
import { contextOf, type BulkV2Client } from './bulk-v2-client.js';

/**
 * A continuous sink for an endless stream of records (an async generator over a queue, an
 * Observable of change events): records are cut into jobs by count, bytes or time
 * (`maxRecordsPerJob`, `maxBytesPerJob`, `maxWaitMs` after a job's first record), at most
 * `concurrency` open at once, and each job's `BulkResult` is emitted as a `jobResult` event as
 * soon as that job finishes, after its `job` snapshots. An async iterable is pulled only when a
 * job can take records; an Observable waits in a bounded buffer (`bufferSize`, `overflow`). Below
 * `minRemainingApiCalls` the sink emits `paused` and creates no job until `/limits` allows. When
 * the source completes, the last partial job is cut and finished, then the stream completes;
 * unsubscribing aborts the open jobs (or lets them finish: `onUnsubscribe: 'drain'`). With a
 * `journal`, a sink started again neither loses nor repeats a record. A function rather than a
 * `client.bulk` method, so that an app that does not use it does not bundle it; `bulkSink` from
 * `kinetic-core/operators` is the same as an operator. See docs/pipelines.md.
 *
 * @example
 * async function* orders() {
 *   for (;;) yield toAccount(await queue.receive());
 * }
 * sinkRecords(client.bulk, 'Account', orders(), { maxRecordsPerJob: 10_000, maxWaitMs: 5_000 })
 *   .subscribe((event) => event.type === 'jobResult' && console.log(event.result.successCount));
 *
 * @param bulk The client's `client.bulk`.
 * @param sobject The sObject every job loads.
 * @param source The records: an Observable, an async iterable or an iterable.
 * @param options Checked on subscription, before any request (a `ValidationError`).
 * @returns A cold Observable of the sink's events.
 */
export function sinkRecords<R extends object>(
  bulk: BulkV2Client,
  sobject: string,
  source: SinkSource<R>,
  options?: SinkOptions,
): Observable<SinkEvent<R>> {
  return sink<R>(contextOf(bulk), { object: sobject, source, options });
}
