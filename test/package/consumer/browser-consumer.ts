// Type-checked against the installed tarball with DOM types and no Node types: the
// browser-facing entry points must not need @types/node.
import { Subject } from 'rxjs';
import { AccessTokenAuthenticator, SalesforceClient, type BulkEvent, type BulkResult } from 'kinetic-core';
import { cancelOn, progress } from 'kinetic-core/operators';

export function startInsert(
  bar: HTMLProgressElement,
  cancelButton: HTMLButtonElement,
  records: Record<string, string>[],
): void {
  const client = new SalesforceClient({
    auth: new AccessTokenAuthenticator({ instanceUrl: location.origin, accessToken: 'token' }),
  });
  const cancel$ = new Subject<void>();
  cancelButton.onclick = () => cancel$.next();
  const events = client.bulk.insert('Account', records);
  const typed: BulkEvent<BulkResult> extends { type: 'job' | 'result' } ? true : false = true;
  events.pipe(cancelOn(cancel$), progress()).subscribe((p) => {
    bar.value = p.percent ?? 0;
  });
  void typed;
}
