import type { AxiosRequestConfig } from 'axios';
import { from, lastValueFrom, toArray } from 'rxjs';
import { mockClient, requestLog } from '../../../support/mock-salesforce.js';
import {
  deferred,
  flush,
  until,
  JOB_ID,
  mockQueryJob,
  pageHeaders,
  QUERY_JOB,
  QUERY_JOBS,
  queryJobInfo,
  requestLines,
  RESULTS,
  SOQL,
  stalledBody,
} from './query-mock.js';

const V = '/v66.0/jobs/query';

/** A three-page result: 2 + 2 + 1 rows. */
function threePages(mock: ReturnType<typeof mockClient>['mock']): void {
  mockQueryJob(mock, ['JobComplete'], { numberRecordsProcessed: 5 });
  mock.onGet(`${RESULTS}?maxRecords=2`).replyOnce(200, '"Id"\n"1"\n"2"\n', pageHeaders('cDI', 2));
  mock.onGet(`${RESULTS}?locator=cDI&maxRecords=2`).replyOnce(200, '"Id"\n"3"\n"4"\n', pageHeaders('cDM', 2));
  mock.onGet(`${RESULTS}?locator=cDM&maxRecords=2`).replyOnce(200, '"Id"\n"5"\n', pageHeaders(null, 1));
}

const resultRequests = async (mock: ReturnType<typeof mockClient>['mock']): Promise<string[]> =>
  (await requestLines(mock)).filter((l) => l.includes('/results'));

describe('queryCursor (pull interface)', () => {
  it('fetches nothing ahead: page 2 is requested only once page 1 has been consumed', async () => {
    const { client, mock } = mockClient();
    threePages(mock);
    const cursor = client.bulk.queryCursor(SOQL, { maxRecords: 2 });
    expect(mock.history.length).toBe(0); // lazy until the first read

    const page1 = await cursor.nextPage();
    expect(page1).toEqual({ index: 0, records: [{ Id: '1' }, { Id: '2' }] });
    await flush();
    expect(await resultRequests(mock)).toEqual([`GET ${V}/${JOB_ID}/results?maxRecords=2`]);

    const page2 = await cursor.nextPage();
    expect(page2?.records.map((r) => r.Id)).toEqual(['3', '4']);
    await flush();
    expect(await resultRequests(mock)).toHaveLength(2);

    expect((await cursor.nextPage())?.records).toEqual([{ Id: '5' }]);
    expect(await cursor.nextPage()).toBeNull();
    expect(await resultRequests(mock)).toHaveLength(3);
    expect(cursor.job?.state).toBe('JobComplete');
  });

  it('as an AsyncIterable of rows, reads the next page only when the loop asks for more', async () => {
    const { client, mock } = mockClient();
    threePages(mock);
    const seen: string[] = [];
    const requestsWhenSeen: number[] = [];
    for await (const row of client.bulk.queryCursor(SOQL, { maxRecords: 2 })) {
      await flush(2); // a slow consumer
      seen.push(row.Id as string);
      requestsWhenSeen.push((await resultRequests(mock)).length);
    }
    expect(seen).toEqual(['1', '2', '3', '4', '5']);
    expect(requestsWhenSeen).toEqual([1, 1, 2, 2, 3]);
  });

  it('pages() yields each page; breaking out stops there without another request', async () => {
    const { client, mock } = mockClient();
    threePages(mock);
    const cursor = client.bulk.queryCursor(SOQL, { maxRecords: 2 });
    const indexes: number[] = [];
    for await (const page of cursor.pages()) {
      indexes.push(page.index);
      if (page.index === 1) break;
    }
    await flush();
    expect(indexes).toEqual([0, 1]);
    expect(await resultRequests(mock)).toHaveLength(2);
    expect(await cursor.nextPage()).toBeNull(); // closed
    await client.whenSettled();
    expect((await requestLog(mock)).map((r) => r.method)).not.toContain('PATCH'); // job was complete
  });

  it('breaking out mid-page releases the body at once', async () => {
    const { client, mock } = mockClient();
    mockQueryJob(mock, ['JobComplete']);
    const body = stalledBody('"Id"\n"1"\n"2"\n');
    mock.onGet(RESULTS).replyOnce(200, body, pageHeaders(null, 1000));
    for await (const row of client.bulk.queryCursor(SOQL)) {
      expect(row.Id).toBe('1');
      break;
    }
    expect(body.destroyed).toBe(true);
  });

  it('close() during a pending read releases the body and resolves the read to null', async () => {
    const { client, mock } = mockClient();
    mockQueryJob(mock, ['JobComplete']);
    const body = stalledBody('"Id"\n"1"\n');
    mock.onGet(RESULTS).replyOnce(200, body, pageHeaders(null, 5));
    const cursor = client.bulk.queryCursor(SOQL);
    expect(await cursor.nextBatch()).toEqual([{ Id: '1' }]);
    const pending = cursor.nextBatch();
    await flush();
    await cursor.close();
    expect(body.destroyed).toBe(true);
    await expect(pending).resolves.toBeNull();
  });

  it('close() while the job runs aborts it on the server; pending reads resolve to null', async () => {
    const { client, mock } = mockClient();
    mock.onPost(QUERY_JOBS).replyOnce(200, queryJobInfo());
    mock.onGet(QUERY_JOB).reply(200, queryJobInfo({ state: 'InProgress' }));
    mock.onPatch(QUERY_JOB).replyOnce(200, queryJobInfo({ state: 'Aborted' }));
    const cursor = client.bulk.queryCursor(SOQL);
    const pending = cursor.nextBatch();
    await until(() => mock.history.length >= 2);
    await cursor.close();
    await expect(pending).resolves.toBeNull();
    await client.whenSettled();
    const log = await requestLog(mock);
    // the abort, then one read-back of the job for its final counts
    const [abort, readBack] = log.slice(-2);
    expect(`${abort!.method} ${abort!.url}`).toBe(`PATCH /services/data${V}/${JOB_ID}`);
    expect(JSON.parse(abort!.body!)).toEqual({ state: 'Aborted' });
    expect(`${readBack!.method} ${readBack!.url}`).toBe(`GET /services/data${V}/${JOB_ID}`);
    const count = mock.history.length;
    await flush(20);
    expect(mock.history.length).toBe(count); // polling stopped
  });

  it('after an error, every later read rethrows it', async () => {
    const { client, mock } = mockClient();
    mockQueryJob(mock, ['Failed']);
    const cursor = client.bulk.queryCursor(SOQL);
    const first = await cursor.nextPage().catch((e: unknown) => e);
    expect((first as Error).name).toBe('JobFailedError');
    await expect(cursor.nextPage()).rejects.toBe(first);
  });
});

describe('queryPages (work per page, on demand)', () => {
  it('downloads the next page only after the work for the previous one completed', async () => {
    const { client, mock } = mockClient();
    threePages(mock);
    const gates = [deferred(), deferred(), deferred()];
    const log: string[] = [];
    const done = lastValueFrom(
      client.bulk
        .queryPages(
          SOQL,
          (page) => {
            log.push(`work ${page.index}: ${page.records.map((r) => r.Id).join(',')}`);
            return from(gates[page.index]!.promise.then(() => page.records.length));
          },
          { maxRecords: 2 },
        )
        .pipe(toArray()),
    );
    await until(() => log.length === 1);
    await flush(10);
    expect(log).toEqual(['work 0: 1,2']);
    expect(await resultRequests(mock)).toHaveLength(1);
    gates[0]!.resolve();
    await until(() => log.length === 2);
    await flush(10);
    expect(await resultRequests(mock)).toHaveLength(2);
    gates[1]!.resolve();
    gates[2]!.resolve();
    expect(await done).toEqual([2, 2, 1]);
  });
});

describe('unsubscribing mid-export', () => {
  it('queryRecords: unsubscribing while a body read is pending stops the download at once and sends nothing more', async () => {
    const { client, mock } = mockClient();
    mockQueryJob(mock, ['JobComplete']);
    const body = stalledBody('"Id"\n"1"\n"2"\n');
    mock.onGet(RESULTS).replyOnce(200, body, pageHeaders('bmV4dA', 1000));
    const rows: unknown[] = [];
    const sub = client.bulk.queryRecords(SOQL).subscribe((row) => rows.push(row));
    await until(() => rows.length === 2);
    await flush(10); // the next read now waits on the stalled body
    expect(body.destroyed).toBe(false);
    sub.unsubscribe();
    expect(body.destroyed).toBe(true);
    await flush(20);
    await client.whenSettled();
    expect(mock.history.length).toBe(3); // create, poll, first page: no next page, no PATCH (job complete)
  });

  it('aborts a results request still waiting for its response', async () => {
    const { client, mock } = mockClient();
    mockQueryJob(mock, ['JobComplete']);
    const never = deferred<[number, string]>();
    mock.onGet(RESULTS).replyOnce(() => never.promise);
    const sub = client.bulk.queryRecords(SOQL).subscribe();
    await until(() => mock.history.length === 3);
    sub.unsubscribe();
    const signal = (mock.history[2] as AxiosRequestConfig).signal as AbortSignal;
    expect(signal.aborted).toBe(true);
    await client.whenSettled();
    expect(mock.history.length).toBe(3);
  });

  it('query: unsubscribing while the job runs aborts it (PATCH Aborted) and stops polling', async () => {
    const { client, mock } = mockClient();
    mock.onPost(QUERY_JOBS).replyOnce(200, queryJobInfo());
    mock.onGet(QUERY_JOB).reply(200, queryJobInfo({ state: 'InProgress' }));
    mock.onPatch(QUERY_JOB).replyOnce(200, queryJobInfo({ state: 'Aborted' }));
    await new Promise<void>((resolve) => {
      const sub = client.bulk.query(SOQL).subscribe((event) => {
        if (event.type === 'job' && event.job.state === 'InProgress') {
          sub.unsubscribe();
          resolve();
        }
      });
    });
    await client.whenSettled();
    const lines = await requestLines(mock);
    expect(lines.slice(-2)).toEqual([`PATCH ${V}/${JOB_ID}`, `GET ${V}/${JOB_ID}`]);
    expect(lines.filter((l) => l.startsWith('PATCH'))).toHaveLength(1);
    await flush(20);
    expect(mock.history.length).toBe(lines.length);
  });

  it('unsubscribing while the job is being created aborts the job once it exists', async () => {
    const { client, mock } = mockClient();
    const created = deferred<[number, unknown]>();
    mock.onPost(QUERY_JOBS).replyOnce(() => created.promise);
    mock.onPatch(QUERY_JOB).replyOnce(200, queryJobInfo({ state: 'Aborted' }));
    mock.onGet(QUERY_JOB).replyOnce(200, queryJobInfo({ state: 'Aborted', numberRecordsProcessed: 0 }));
    const sub = client.bulk.queryRecords(SOQL).subscribe();
    await until(() => mock.history.length === 1);
    sub.unsubscribe();
    created.resolve([200, queryJobInfo()]);
    await flush();
    await client.whenSettled();
    expect(await requestLines(mock)).toEqual([`POST ${V}`, `PATCH ${V}/${JOB_ID}`, `GET ${V}/${JOB_ID}`]);
  });
});
