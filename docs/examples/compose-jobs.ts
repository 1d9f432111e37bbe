import { concatMap, from, lastValueFrom, mergeMap, toArray, type Observable, type Subscription } from 'rxjs';
import { type SalesforceClient, type BulkRecord, type BulkResult } from 'kinetic-core';
import { retryFailedRecords, timeoutJob, toResult } from 'kinetic-core/operators';

/** Several sObjects at once, at most two jobs running at a time. */
export function loadInParallel(
  client: SalesforceClient,
  loads: Record<string, readonly BulkRecord[]>,
): Observable<BulkResult> {
  return from(Object.entries(loads)).pipe(
    mergeMap(([sobject, rows]) => client.bulk.insert(sobject, rows).pipe(timeoutJob({ minutes: 30 }), toResult()), 2),
  );
}

/** Parents first, then children that reference them by external id: one job after another. */
export async function loadParentsThenChildren(
  client: SalesforceClient,
  accounts: readonly BulkRecord[],
  contacts: readonly BulkRecord[],
): Promise<BulkResult[]> {
  const steps = [
    () => client.bulk.upsert('Account', accounts, 'External_Key__c'),
    () => client.bulk.upsert('Contact', contacts, 'External_Id__c'),
  ];
  return lastValueFrom(
    from(steps).pipe(
      concatMap((step) => step().pipe(retryFailedRecords({ maxAttempts: 3 }), toResult())),
      toArray(),
    ),
  );
}

/** Unsubscribing from the whole pipeline aborts every job still open on the server. */
export function startAndCancelLater(
  client: SalesforceClient,
  loads: Record<string, readonly BulkRecord[]>,
): Subscription {
  const subscription = loadInParallel(client, loads).subscribe();
  // later, e.g. on shutdown: every running job is PATCHed to Aborted
  return subscription;
}
