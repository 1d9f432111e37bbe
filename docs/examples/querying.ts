// The code blocks of docs/querying.md, verbatim inside functions: test/docs/querying.test.ts runs them.
import { lastValueFrom, type Observable } from 'rxjs';
import { z } from 'zod';
import { AccessTokenAuthenticator, SalesforceClient, type QueryRecord } from 'kinetic-core';
import { startBulkEmulator } from 'kinetic-core/testing';

export async function everythingAtOnce(client: SalesforceClient): Promise<void> {
  const events = client.bulk.query('SELECT Id, Name FROM Account', { onProgress: (job) => console.log(job.state) });
  events.subscribe((event) => {
    if (event.type === 'job')
      console.log(event.job.state); // UploadComplete, InProgress, JobComplete
    else console.log(event.result.recordCount, event.result.records[0]);
  });

  // as a promise (the operators' toResult() does the same)
  const last = await lastValueFrom(client.bulk.query('SELECT Id FROM Contact'));
  if (last.type === 'result') console.log(last.result.records.length, last.result.locator); // locator is always null
}

export function streamRows(client: SalesforceClient, index: (row: QueryRecord) => void): void {
  client.bulk
    .queryRecords('SELECT Id, Name, Parent.Name FROM Account', { maxRecords: 50_000 })
    .subscribe({ next: (row) => index(row), error: console.error, complete: () => console.log('done') });
}

export async function pullWithCursor(): Promise<void> {
  const emulator = await startBulkEmulator({ processing: 'instant' });
  emulator.org.insert(
    'Account',
    Array.from({ length: 25_000 }, (_, i) => ({ Name: `Account ${i}` })),
  );
  const client = new SalesforceClient({
    auth: new AccessTokenAuthenticator({ instanceUrl: emulator.url, accessToken: emulator.accessToken }),
  });

  const slowWrite = (rows: readonly unknown[]) => new Promise((resolve) => setTimeout(resolve, 50, rows.length));

  // row by row
  for await (const row of client.bulk.queryCursor('SELECT Id, Name FROM Account', { maxRecords: 10_000 })) {
    if (row.Name === 'Account 42') break; // stops the download; a running job would be aborted
  }

  // page by page: three pages of at most 10,000 rows, one in memory at a time
  const cursor = client.bulk.queryCursor('SELECT Id, Name FROM Account', { maxRecords: 10_000 });
  for await (const page of cursor.pages()) {
    console.log(`page ${page.index}: ${page.records.length} rows`);
    await slowWrite(page.records); // page ${page.index + 1} is not requested before this finishes
  }

  await client.whenSettled(); // any abort sent by a close has been answered
  await emulator.close();
}

/** A database of the reader's; `insertMany` may be a promise or an Observable. */
export interface PageSink {
  insertMany(records: readonly QueryRecord[]): Promise<unknown> | Observable<unknown>;
}

export function pagesOneAtATime(client: SalesforceClient, db: PageSink): void {
  client.bulk
    .queryPages('SELECT Id, Name FROM Account', (page) => db.insertMany(page.records), { maxRecords: 20_000 })
    .subscribe({ complete: () => console.log('exported') });
}

export function parallelPages(client: SalesforceClient): void {
  client.bulk
    .queryRecords('SELECT Id FROM Account', { parallel: 4, ordered: false })
    .subscribe((row) => console.log(row.Id));
}

export function typedRows(client: SalesforceClient): void {
  const Account = z.object({
    Id: z.string(),
    Name: z.string(),
    AnnualRevenue: z.number().nullable(),
    Active__c: z.boolean(),
    CreatedDate: z.date(),
    NumberOfEmployees: z.number().int().optional(),
  });

  client.bulk
    .queryRecords('SELECT Id, Name, AnnualRevenue, Active__c, CreatedDate, NumberOfEmployees FROM Account', {
      schema: Account,
    })
    .subscribe((row) => {
      // row: z.infer<typeof Account>: AnnualRevenue is a number or null, CreatedDate a Date
      console.log(row.Name, row.AnnualRevenue?.toFixed(2), row.CreatedDate.toISOString());
    });
}

export function nestedRows(client: SalesforceClient): void {
  const Contact = z.object({
    Id: z.string(),
    Account: z.object({ Name: z.string(), Parent: z.object({ Name: z.string() }).nullable() }).nullable(),
  });
  client.bulk
    .queryRecords('SELECT Id, Account.Name, Account.Parent.Name FROM Contact', { nest: true, schema: Contact })
    .subscribe((contact) => console.log(contact));
  // { Id: '003…', Account: { Name: 'Acme', Parent: { Name: 'Acme Group' } } }; a contact without account: Account: null
}
