import { type SalesforceClient, type BulkRecord } from 'kinetic-core';

export function watchEvents(client: SalesforceClient, records: readonly BulkRecord[]): void {
  // every operation is a cold Observable<BulkEvent>: job snapshots while it runs, then one result
  client.bulk.insert('Account', records).subscribe((event) => {
    if (event.type === 'job') console.log(event.job.state, event.job.numberRecordsProcessed);
    else console.log(event.result.successCount, event.result.failedCount);
  });
}
