// The code block of docs/reliability.md, verbatim inside a function: test/docs/small-guides.test.ts runs it.
import { SalesforceClient, type Authenticator, type BulkRecord } from 'kinetic-core';

export function retrySettings(auth: Authenticator, rows: readonly BulkRecord[]): SalesforceClient {
  const client = new SalesforceClient({
    auth,
    retryPolicy: { maxRetries: 5, initialDelayMs: 500, factor: 2, maxDelayMs: 30_000, jitter: 0.5 }, // the defaults
  });

  // one operation with other settings: every request it sends uses them
  const retryHard = { retryPolicy: { maxRetries: 10, maxDelayMs: 60_000 } };
  client.bulk.upsert('Account', rows, 'External_Key__c', retryHard).subscribe();
  client.bulk.queryRecords('SELECT Id FROM Account', { retryPolicy: { maxRetries: 0 } }).subscribe();
  return client;
}
