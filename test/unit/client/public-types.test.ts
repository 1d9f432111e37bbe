// Type-level checks of the public surface: `npm run typecheck` fails if an expectation breaks
// (a `@ts-expect-error` line that compiles is itself an error); the runtime part keeps jest honest.
import { lastValueFrom, toArray, type Observable } from 'rxjs';
import type { BulkEvent, BulkJobEvent, BulkResult, BulkV2Client } from 'kinetic-core';
import { retryFailedRecords, toResult } from 'kinetic-core/operators';
import { JOB_ID, BASE, jobInfo, mockClient } from '../../support/mock-salesforce.js';

interface AccountRow {
  Name: string;
  Industry?: string;
  AnnualRevenue?: number;
}

interface ContactRef {
  readonly Id: string;
  readonly Email: string;
}

describe('public types', () => {
  it('ingest methods take arrays and streams of interface-typed records, and ids as records', () => {
    const typed = (bulk: BulkV2Client, rows: AccountRow[], stream: Observable<AccountRow>, refs: ContactRef[]) => [
      bulk.insert('Account', rows),
      bulk.update('Account', stream),
      bulk.upsert('Account', rows, 'External_Key__c'),
      bulk.delete('Contact', refs),
      bulk.hardDelete('Contact', ['003xx000004TmiQAAS']),
    ];
    expect(typed).toBeInstanceOf(Function);
  });

  it('wait: false returns job events only, and toResult() after it does not compile', () => {
    const started = (bulk: BulkV2Client): Observable<BulkJobEvent> => bulk.insert('Account', [], { wait: false });
    const waited = (bulk: BulkV2Client): Observable<BulkEvent<BulkResult>> => bulk.insert('Account', []);
    // @ts-expect-error a stream without a result event cannot be reduced to its result
    const broken = (bulk: BulkV2Client) => bulk.insert('Account', [], { wait: false }).pipe(toResult());
    const fine = (bulk: BulkV2Client): Observable<BulkResult> => bulk.insert('Account', []).pipe(toResult());
    expect([started, waited, broken, fine]).toHaveLength(4);
  });

  it('typed records keep their type through BulkResult, retries included', () => {
    const typed = (bulk: BulkV2Client, rows: AccountRow[]) =>
      bulk.insert('Account', rows).pipe(retryFailedRecords(), toResult());
    const name = (result: BulkResult<AccountRow>): string | undefined => {
      const row = result.failedRecords[0];
      return row ? result.inputOf(row)?.Name : undefined;
    };
    expect([typed, name]).toHaveLength(2);
  });

  it('at run time, wait: false emits the Open and UploadComplete snapshots and completes', async () => {
    const { client, mock } = mockClient();
    mock.onPost(`${BASE}/jobs/ingest`).replyOnce(200, jobInfo());
    mock.onPut(`${BASE}/jobs/ingest/${JOB_ID}/batches`).replyOnce(201, '');
    mock.onPatch(`${BASE}/jobs/ingest/${JOB_ID}`).replyOnce(200, jobInfo({ state: 'UploadComplete' }));
    const rows: AccountRow[] = [{ Name: 'Acme' }];
    const events = await lastValueFrom(client.bulk.insert('Account', rows, { wait: false }).pipe(toArray()));
    expect(events.map((e) => [e.type, e.job.state])).toEqual([
      ['job', 'Open'],
      ['job', 'UploadComplete'],
    ]);
    await client.whenSettled();
  });
});
