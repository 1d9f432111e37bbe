import { count, lastValueFrom, tap } from 'rxjs';
import { AccessTokenAuthenticator, SalesforceClient } from 'kinetic-core';
import { toResult } from 'kinetic-core/operators';
import { startBulkEmulator } from 'kinetic-core/testing';

export async function tryItLocally(): Promise<{ inserted: number; queried: number }> {
  // a local Bulk API 2.0 emulator on 127.0.0.1: no org needed
  const emulator = await startBulkEmulator();
  const client = new SalesforceClient({
    auth: new AccessTokenAuthenticator({ instanceUrl: emulator.url, accessToken: emulator.accessToken }),
  });

  const records = Array.from({ length: 1000 }, (_, i) => ({ Name: `Account ${i}`, Industry: 'Technology' }));
  const result = await lastValueFrom(
    client.bulk.insert('Account', records).pipe(
      tap((event) => event.type === 'job' && console.log(event.job.state, event.job.numberRecordsProcessed)),
      toResult(),
    ),
  );
  console.log(`inserted ${result.successCount}, failed ${result.failedCount}`);

  // rows stream in page by page; count() keeps none of them
  const queried = await lastValueFrom(
    client.bulk.queryRecords("SELECT Id, Name FROM Account WHERE Industry = 'Technology'").pipe(count()),
  );
  console.log(`queried ${queried} rows`);

  await emulator.close();
  return { inserted: result.successCount, queried };
}
