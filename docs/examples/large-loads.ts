// The code block of docs/large-loads.md, verbatim inside a function: test/docs/small-guides.test.ts
// runs it (from a folder holding an accounts.csv).
import { createReadStream } from 'node:fs';
import { lastValueFrom } from 'rxjs';
import { csvInput, type BulkResult, type SalesforceClient } from 'kinetic-core';
import { toResult } from 'kinetic-core/operators';

/** The reader's database: a cursor over rows. */
export interface CompanyDatabase {
  cursor(sql: string): AsyncIterable<{ readonly name: string; readonly industry: string }>;
}

export async function loadFromDatabaseAndFile(
  client: SalesforceClient,
  db: CompanyDatabase,
): Promise<[BulkResult, BulkResult]> {
  async function* companies() {
    for await (const row of db.cursor('SELECT name, industry FROM companies'))
      yield { Name: row.name, Industry: row.industry };
  }

  const result = await lastValueFrom(client.bulk.insert('Account', companies(), { concurrency: 3 }).pipe(toResult()));

  const fromFile = await lastValueFrom(
    client.bulk.upsert('Account', csvInput(createReadStream('accounts.csv')), 'External_Key__c').pipe(toResult()),
  );
  return [result, fromFile];
}
