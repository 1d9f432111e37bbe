// Type-checked by test/package/pack-import.test.ts against the installed tarball (never run):
// proves the published declarations resolve under each moduleResolution and are precise.
import { lastValueFrom, Subject } from 'rxjs';
import {
  AccessTokenAuthenticator,
  KineticError,
  SalesforceClient,
  fixedPolling,
  type Authenticator,
  type BulkResult,
  type Session,
} from 'kinetic-core';
import { cancelOn, progress, toResult, type Progress } from 'kinetic-core/operators';
import { startBulkEmulator, type BulkEmulator } from 'kinetic-core/testing';

export async function insertTwo(): Promise<BulkResult> {
  const emulator: BulkEmulator = await startBulkEmulator({ processing: 'instant', cors: true });
  const auth: Authenticator = new AccessTokenAuthenticator({
    instanceUrl: emulator.url,
    accessToken: emulator.accessToken,
  });
  const client = new SalesforceClient({ auth, pollPolicy: fixedPolling(50) });
  const cancel$ = new Subject<void>();
  try {
    return await lastValueFrom(
      client.bulk.insert('Account', [{ Name: 'A' }, { Name: 'B' }]).pipe(cancelOn(cancel$), toResult()),
    );
  } finally {
    await emulator.close();
  }
}

export function watch(client: SalesforceClient): void {
  client.bulk
    .insert('Account', [{ Name: 'A' }])
    .pipe(progress())
    .subscribe((p: Progress) => {
      const percent: number | undefined = p.percent;
      // @ts-expect-error processed is a number: the declarations are precise, not `any`
      const wrong: string = p.processed;
      void [percent, wrong];
    });
}

export function sessionOf(auth: Authenticator): Promise<Session> {
  return lastValueFrom(auth.session());
}

export function describeError(error: unknown): string {
  return error instanceof KineticError ? error.name : 'other';
}

// @ts-expect-error insert needs records
export const missingRecords = (client: SalesforceClient) => client.bulk.insert('Account');
