// The code blocks of docs/pipelines.md, verbatim inside functions: test/docs/pipelines.test.ts runs them.
import { filter, map, mergeMap, of, type Observable, type Subscription } from 'rxjs';
import { sinkRecords, type BulkResult, type SalesforceClient } from 'kinetic-core';
import { bulkSink, retryFailedRecords, toResult } from 'kinetic-core/operators';
import { fileSinkJournal } from 'kinetic-core/node';

/** A message queue as a consumer sees it: `receive()` resolves with the next message (waiting when empty). */
export interface OrderQueue {
  receive(): Promise<{ readonly orderId: string; readonly customer: string }>;
}

export function pipeQueue(client: SalesforceClient, queue: OrderQueue): Subscription {
  // the source: an endless async generator, pulled only when a job can take more records
  async function* orders() {
    for (;;) {
      const message = await queue.receive();
      yield { Name: message.customer, AccountNumber: message.orderId };
    }
  }

  return sinkRecords(client.bulk, 'Account', orders(), {
    maxRecordsPerJob: 10_000, // a job is cut at 10,000 records,
    maxWaitMs: 5_000, // or 5 s after its first record, whichever comes first
    concurrency: 3, // at most 3 jobs open on the org
    minRemainingApiCalls: 5_000, // below: pause (no new job), poll /limits every minute, resume
  }).subscribe({
    next: (event) => {
      if (event.type === 'jobResult')
        console.log(`job ${event.jobIndex}: ${event.result.successCount} loaded, ${event.result.failedCount} failed`);
      if (event.type === 'paused') console.log(`paused: ${event.remaining} API requests left`);
      if (event.type === 'resumed') console.log('resumed');
    },
    error: (error: unknown) => console.error('the sink stopped', error),
  });
}

export function loadChanges(
  client: SalesforceClient,
  changes$: Observable<{ readonly lastName: string; readonly email: string }>,
): Observable<BulkResult> {
  return changes$.pipe(
    map((change) => ({ LastName: change.lastName, Email: change.email })),
    bulkSink(client.bulk, 'Contact', { maxRecordsPerJob: 5_000, maxWaitMs: 2_000, bufferSize: 20_000 }),
    filter((event) => event.type === 'jobResult'),
    // each job's result, its lock failures resubmitted as a new job (up to 3 attempts)
    mergeMap((event) =>
      of({ type: 'result' as const, result: event.result, control: event.control }).pipe(
        retryFailedRecords({ maxAttempts: 3, delay: 1_000 }),
        toResult(),
      ),
    ),
  );
}

export function runAsAService(client: SalesforceClient, orders: () => AsyncIterable<object>): void {
  const subscription = sinkRecords(client.bulk, 'Account', orders(), {
    journal: fileSinkJournal('/var/lib/orders/account-sink.json'),
  }).subscribe();

  process.once('SIGTERM', () => {
    subscription.unsubscribe(); // open jobs are aborted; the journal keeps what they and the buffer held
    void client.whenSettled().then(() => process.exit(0)); // the aborts and the last journal write
  });
}
