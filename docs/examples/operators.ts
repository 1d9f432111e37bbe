// The code blocks of docs/operators.md, verbatim inside functions: test/docs/operators.test.ts runs them.
import { concatMap, from, lastValueFrom, mergeMap, Subject } from 'rxjs';
import type {
  BulkEvent as ExportedBulkEvent,
  BulkJob,
  BulkRecord,
  BulkResult,
  JobControl,
  SalesforceClient,
} from 'kinetic-core';
import { cancelOn, progress, retryFailedRecords, timeoutJob, toResult, type Progress } from 'kinetic-core/operators';

type BulkEvent<R> =
  | { type: 'job'; job: BulkJob; control: JobControl; total?: number } // a job's state or counts changed
  | { type: 'result'; result: R; control: JobControl }; // once, just before completion

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/** The shape the doc shows is the exported one (tsc fails here if they drift apart). */
export const documentedEventShape: Same<BulkEvent<BulkResult>, ExportedBulkEvent<BulkResult>> = true;

export async function insertWithTimeout(client: SalesforceClient, records: readonly BulkRecord[]): Promise<BulkResult> {
  const result = await lastValueFrom(
    client.bulk.insert('Account', records).pipe(timeoutJob({ minutes: 10 }), toResult()),
  );
  return result;
}

/** A UI: `render` shows a reading or `'done'`; `cancelButton` is any EventTarget (a button). */
export function cancelFromUi(
  client: SalesforceClient,
  records: readonly BulkRecord[],
  render: (shown: Progress | 'done') => void,
  cancelButton: EventTarget,
): void {
  const cancel$ = new Subject<void>();
  client.bulk
    .insert('Account', records)
    .pipe(cancelOn(cancel$), progress())
    .subscribe({ next: (p) => render(p), complete: () => render('done') });

  cancelButton.addEventListener('click', () => cancel$.next()); // the job ends Aborted on the server
}

export async function upsertRetryingFailedRows(
  client: SalesforceClient,
  rows: readonly BulkRecord[],
): Promise<BulkResult> {
  const result = await lastValueFrom(
    client.bulk
      .upsert('Account', rows, 'External_Key__c')
      .pipe(retryFailedRecords({ maxAttempts: 3, delay: 1000 }), toResult()),
  );
  console.log(`${result.successCount} upserted in ${result.jobs.length} jobs`);
  return result;
}

export function manyJobsAtOnce(
  client: SalesforceClient,
  loads: Record<string, readonly BulkRecord[]>,
  accounts: readonly BulkRecord[],
  contacts: readonly BulkRecord[],
): void {
  // several sObjects, at most two jobs at a time
  from(Object.entries(loads))
    .pipe(
      mergeMap(([sobject, rows]) => client.bulk.insert(sobject, rows).pipe(timeoutJob({ minutes: 30 }), toResult()), 2),
    )
    .subscribe((result) => console.log(`${result.job.object}: ${result.successCount} inserted`));

  // parents, then children that reference them: one job after another
  from([
    () => client.bulk.upsert('Account', accounts, 'External_Key__c'),
    () => client.bulk.upsert('Contact', contacts, 'External_Id__c'),
  ])
    .pipe(concatMap((step) => step().pipe(retryFailedRecords(), toResult())))
    .subscribe({
      next: (result) => console.log(`${result.job.object}: ${result.successCount} upserted`),
      error: (error: unknown) => console.error('stopped:', error),
    });
}
