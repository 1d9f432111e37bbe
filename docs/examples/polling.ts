// The code blocks of docs/polling.md, verbatim inside functions: test/docs/polling.test.ts runs them.
import { firstValueFrom } from 'rxjs';
import {
  adaptivePolling,
  backoffPolling,
  DEFAULT_POLL_POLICY,
  fixedPolling,
  SalesforceClient,
  type Authenticator,
  type BulkLimits,
  type BulkRecord,
} from 'kinetic-core';

export function policies(): void {
  DEFAULT_POLL_POLICY; // { kind: 'backoff', initialDelayMs: 2000, factor: 1.5, maxDelayMs: 30000 }
  backoffPolling({ maxDelayMs: 10_000 }); // the same, with any field overridden

  fixedPolling(1000); // jsforce's default interval
  fixedPolling(5000); // the Salesforce CLI's interval

  adaptivePolling(); // the defaults below
  adaptivePolling({ maxDelayMs: 30_000 }); // any field overridden
}

export function perClient(auth: Authenticator): SalesforceClient[] {
  const client = new SalesforceClient({ auth, pollPolicy: adaptivePolling() });
  // or, as plain data:
  const client2 = new SalesforceClient({ auth, pollPolicy: { kind: 'adaptive', maxDelayMs: 30_000 } });
  return [client, client2];
}

export function perCall(client: SalesforceClient, rows: readonly BulkRecord[]): void {
  client.bulk.insert('Account', rows, { pollPolicy: adaptivePolling() }).subscribe();
  client.bulk.insert('Account', rows, { pollPolicy: fixedPolling(2000) }).subscribe();
  // fields without `kind` tune the client's own policy (backoff or adaptive)
  client.bulk.insert('Account', rows, { pollPolicy: { maxDelayMs: 10_000 } }).subscribe();
}

export function watchUsage(client: SalesforceClient): void {
  client.limitInfo$.subscribe((info) => info && console.log(`${info.remaining} of ${info.limit} API calls left today`));
  client.limitInfo; // the last reading, or undefined before the first call
}

export async function readLimits(client: SalesforceClient): Promise<BulkLimits> {
  const limits = await firstValueFrom(client.limits());
  limits.DailyApiRequests; // API requests (polls count here)
  limits.DailyBulkApiBatches; // Bulk batches, shared with Bulk API 1.0 (ingest)
  limits.DailyBulkV2QueryJobs; // Bulk API 2.0 query jobs
  limits.DailyBulkV2QueryFileStorageMB; // Bulk API 2.0 query results, in MB
  return limits;
}

export function keepAReserve(auth: Authenticator): SalesforceClient {
  const client = new SalesforceClient({ auth, minRemainingApiCalls: 5000 });
  return client;
}
