import { lastValueFrom } from 'rxjs';
import { SalesforceClient } from 'kinetic-core';
import { toResult } from 'kinetic-core/operators';

export async function quickStart(): Promise<void> {
  // picks the auth flow from SF_* variables (JWT, client credentials, refresh token, password, access token)
  const client = SalesforceClient.fromEnv();

  const records = [
    { Name: 'Acme Corp', Industry: 'Technology' },
    { Name: 'Global Inc', Industry: 'Finance' },
  ];
  const result = await lastValueFrom(client.bulk.insert('Account', records).pipe(toResult()));
  console.log(`Success: ${result.successCount}, failed: ${result.failedCount}`);
  for (const failure of result.failedRecords) console.log(failure.error.statusCode, failure.error.message);
}
