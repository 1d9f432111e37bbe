// The code blocks of docs/large-loads.md, verbatim inside functions: test/docs/small-guides.test.ts
// runs them (from a folder holding an accounts.csv).
import { createReadStream, statSync } from 'node:fs';
import { lastValueFrom } from 'rxjs';
import { csvInput, type BulkResult, type SalesforceClient } from 'kinetic-core';
import { fileJournal } from 'kinetic-core/node';
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

/** The journal example: run it again after any interruption and it finishes the same load. */
export async function resumableLoad(client: SalesforceClient): Promise<BulkResult> {
  const journal = {
    store: fileJournal('accounts.journal.json'),
    input: { name: 'accounts.csv', size: statSync('accounts.csv').size },
  };
  // the same call after a crash, kill -9 or a LoadInterruptedError: finished jobs are read, not run again
  const loaded = await lastValueFrom(
    client.bulk
      .upsert('Account', csvInput(createReadStream('accounts.csv')), 'External_Key__c', {
        maxRecordsPerJob: 10_000,
        journal,
      })
      .pipe(toResult()),
  );
  return loaded;
}
