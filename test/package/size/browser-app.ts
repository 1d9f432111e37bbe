// The browser app whose bundle `npm run size` (scripts/check-bundle-size.mjs) measures: what a
// typical single-page app uses of kinetic-core. Type-checked with the rest of test/; never run.
import { takeUntil, type Subject } from 'rxjs';
import { AccessTokenAuthenticator, SalesforceClient } from 'kinetic-core';
import {
  cancelOn,
  jobStates,
  progress,
  retryFailedRecords,
  throwOnFailures,
  timeoutJob,
  toResult,
} from 'kinetic-core/operators';

/** Inserts `records`, showing progress on `bar` until `cancel$` emits; then reads the accounts back. */
export function run(bar: HTMLProgressElement, cancel$: Subject<void>, records: Record<string, string>[]): void {
  const client = new SalesforceClient({
    auth: new AccessTokenAuthenticator({ instanceUrl: location.origin, accessToken: 'token' }),
  });
  const load = client.bulk.insert('Account', records).pipe(cancelOn(cancel$), timeoutJob({ minutes: 5 }));
  load.pipe(progress()).subscribe((p) => (bar.value = p.percent ?? 0));
  load.pipe(jobStates()).subscribe((state) => console.log(state));
  load
    .pipe(retryFailedRecords({ maxAttempts: 2 }), throwOnFailures(), toResult())
    .subscribe((result) => console.log(result.successCount));
  client.bulk
    .queryRecords('SELECT Id, Name FROM Account')
    .pipe(takeUntil(cancel$))
    .subscribe((row) => console.log(row));
}
