import type { AxiosRequestConfig } from 'axios';
import { lastValueFrom, toArray } from 'rxjs';
import { ResponseValidationError } from '../../../../src/errors/response-validation-error.js';
import { mockClient } from '../../../support/mock-salesforce.js';
import {
  deferred,
  flush,
  until,
  JOB_ID,
  mockQueryJob,
  pageHeaders,
  QUERY_JOB,
  requestLines,
  RESULTS,
  SOQL,
} from './query-mock.js';

const V = '/v66.0/jobs/query';
const PAGES = `${QUERY_JOB}/resultPages`;
const pageUrl = (n: number): string => `/services/data/v66.0/jobs/query/${JOB_ID}/results?locator=cGFnZ${n}`;
const body = (n: number): string => `"Id","Page"\n"${n}a","${n}"\n"${n}b","${n}"\n`;

type Mock = ReturnType<typeof mockClient>['mock'];
type Reply = [number, unknown, Record<string, string>];

/** Result pages 1..count whose replies the test releases one by one. */
function gatedPages(mock: Mock, count: number): { release: (n: number) => void } {
  const gates = new Map<number, ReturnType<typeof deferred<Reply>>>();
  for (let n = 1; n <= count; n++) {
    const gate = deferred<Reply>();
    gates.set(n, gate);
    mock.onGet(`https://acme.my.salesforce.com${pageUrl(n)}`).replyOnce(() => gate.promise);
  }
  return { release: (n) => gates.get(n)!.resolve([200, body(n), pageHeaders(null, 2)]) };
}

/** A documented-shape listing of pages 1-2, then (via nextRecordsUrl) pages 3-4. */
function documentedListing(mock: Mock): void {
  mock.onGet(PAGES).replyOnce(200, {
    resultPages: [{ resultUrl: pageUrl(1) }, { resultUrl: pageUrl(2) }],
    nextRecordsUrl: `/services/data/v66.0/jobs/query/${JOB_ID}/resultPages?locator=bmV4dA`,
    done: false,
  });
  mock.onGet(`${PAGES}?locator=bmV4dA`).replyOnce(200, {
    resultPages: [{ resultUrl: pageUrl(3) }, { resultUrl: pageUrl(4) }],
    nextRecordsUrl: null,
    done: true,
  });
}

const pageRequests = async (mock: Mock): Promise<string[]> =>
  (await requestLines(mock)).filter((l) => l.includes('/results?locator=cGFn')).map((l) => l.slice(-1));

describe('parallel result pages', () => {
  it('ordered: downloads at most n pages at once and emits them in result order', async () => {
    const { client, mock } = mockClient();
    mockQueryJob(mock, ['JobComplete'], { numberRecordsProcessed: 8 });
    documentedListing(mock);
    const pages = gatedPages(mock, 4);
    const rows: string[] = [];
    const done = new Promise<void>((resolve, reject) =>
      client.bulk
        .queryRecords(SOQL, { parallel: 2 })
        .subscribe({ next: (r) => rows.push(r.Id as string), error: reject, complete: resolve }),
    );
    await until(async () => (await pageRequests(mock)).length === 2);
    await flush(10);
    expect(await pageRequests(mock)).toEqual(['1', '2']);
    pages.release(2);
    await flush(20);
    expect(rows).toEqual([]); // page 2 waits for page 1
    expect(await pageRequests(mock)).toEqual(['1', '2']); // page 2 is held: the window stays at 2
    pages.release(1);
    await until(() => rows.length === 4);
    await flush(10);
    expect(rows).toEqual(['1a', '1b', '2a', '2b']);
    expect(await pageRequests(mock)).toEqual(['1', '2', '3', '4']);
    pages.release(4);
    pages.release(3);
    await done;
    expect(rows).toEqual(['1a', '1b', '2a', '2b', '3a', '3b', '4a', '4b']);
    const lines = await requestLines(mock);
    expect(lines.filter((l) => l.includes('resultPages'))).toEqual([
      `GET ${V}/${JOB_ID}/resultPages`,
      `GET ${V}/${JOB_ID}/resultPages?locator=bmV4dA`,
    ]);
    const listing = (mock.history as AxiosRequestConfig[]).find((c) => String(c.url).endsWith('/resultPages'))!;
    expect(String((listing.headers as Record<string, unknown>)['Accept'])).toBe('application/json');
  });

  it('unordered: emits pages as they finish', async () => {
    const { client, mock } = mockClient();
    mockQueryJob(mock, ['JobComplete'], { numberRecordsProcessed: 8 });
    documentedListing(mock);
    const pages = gatedPages(mock, 4);
    const rows: string[] = [];
    const done = new Promise<void>((resolve, reject) =>
      client.bulk
        .queryRecords(SOQL, { parallel: 3, ordered: false })
        .subscribe({ next: (r) => rows.push(r.Id as string), error: reject, complete: resolve }),
    );
    await until(async () => (await pageRequests(mock)).length === 3);
    await flush(10);
    expect(await pageRequests(mock)).toEqual(['1', '2', '3']);
    pages.release(3);
    await until(() => rows.length === 2);
    await flush(10);
    expect(rows).toEqual(['3a', '3b']);
    expect(await pageRequests(mock)).toEqual(['1', '2', '3', '4']);
    pages.release(2);
    await until(() => rows.length === 4);
    pages.release(4);
    await until(() => rows.length === 6);
    pages.release(1);
    await done;
    expect(rows).toEqual(['3a', '3b', '2a', '2b', '4a', '4b', '1a', '1b']);
  });

  it('accepts the observed resultChunks[].resultLink shape, and page indexes follow the listing', async () => {
    const { client, mock } = mockClient();
    mockQueryJob(mock, ['JobComplete'], { numberRecordsProcessed: 4 });
    mock.onGet(PAGES).replyOnce(200, {
      resultChunks: [{ resultLink: pageUrl(1) }, { resultLink: pageUrl(2) }],
      nextRecordsUrl: null,
      done: true,
    });
    const pages = gatedPages(mock, 2);
    pages.release(1);
    pages.release(2);
    const cursor = client.bulk.queryCursor(SOQL, { parallel: 4 });
    const got = [];
    for await (const page of cursor.pages()) got.push([page.index, page.records.map((r) => r.Id)]);
    expect(got).toEqual([
      [0, ['1a', '1b']],
      [1, ['2a', '2b']],
    ]);
  });

  it('falls back to the locator loop when resultPages is absent (404)', async () => {
    const { client, mock } = mockClient();
    mockQueryJob(mock, ['JobComplete']);
    mock.onGet(PAGES).replyOnce(404, [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }]);
    mock.onGet(`${RESULTS}?maxRecords=1`).replyOnce(200, '"Id"\n"1"\n', pageHeaders('Mg', 1));
    mock.onGet(`${RESULTS}?locator=Mg&maxRecords=1`).replyOnce(200, '"Id"\n"2"\n', pageHeaders(null, 1));
    const rows = await lastValueFrom(client.bulk.queryRecords(SOQL, { parallel: 3, maxRecords: 1 }).pipe(toArray()));
    expect(rows).toEqual([{ Id: '1' }, { Id: '2' }]);
    expect((await requestLines(mock)).slice(2)).toEqual([
      `GET ${V}/${JOB_ID}/resultPages`,
      `GET ${V}/${JOB_ID}/results?maxRecords=1`,
      `GET ${V}/${JOB_ID}/results?locator=Mg&maxRecords=1`,
    ]);
  });

  it('uses the locator loop without asking for resultPages when the job API version is below 58.0', async () => {
    const { client, mock } = mockClient();
    mockQueryJob(mock, ['JobComplete'], { apiVersion: 57.0 });
    mock.onGet(RESULTS.replace('v66.0', 'v57.0')).replyOnce(200, '"Id"\n"1"\n', pageHeaders(null, 1));
    expect(await lastValueFrom(client.bulk.queryRecords(SOQL, { parallel: 4 }).pipe(toArray()))).toEqual([{ Id: '1' }]);
    expect((await requestLines(mock)).pop()).toBe(`GET /v57.0/jobs/query/${JOB_ID}/results`);
  });

  it('checks each parallel page against its Sforce-NumberOfRecords', async () => {
    const { client, mock } = mockClient();
    mockQueryJob(mock, ['JobComplete']);
    mock.onGet(PAGES).replyOnce(200, { resultPages: [{ resultUrl: pageUrl(1) }], done: true });
    mock.onGet(`https://acme.my.salesforce.com${pageUrl(1)}`).replyOnce(200, body(1), pageHeaders(null, 3));
    const error = await lastValueFrom(client.bulk.queryRecords(SOQL, { parallel: 2 })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect((error as Error).message).toMatch(/has 2 rows but Sforce-NumberOfRecords says 3/);
  });

  it('fails at once when any page fails, aborting the other downloads', async () => {
    const { client, mock } = mockClient();
    mockQueryJob(mock, ['JobComplete']);
    mock
      .onGet(PAGES)
      .replyOnce(200, { resultPages: [{ resultUrl: pageUrl(1) }, { resultUrl: pageUrl(2) }], done: true });
    gatedPages(mock, 1); // page 1 never answers
    mock
      .onGet(`https://acme.my.salesforce.com${pageUrl(2)}`)
      .replyOnce(200, '"Id"\n"x","extra"\n', pageHeaders(null, 1));
    const error = await lastValueFrom(client.bulk.queryRecords(SOQL, { parallel: 2 })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseValidationError);
    const page1 = (mock.history as AxiosRequestConfig[]).find((c) => String(c.url).endsWith('cGFnZ1'))!;
    expect((page1.signal as AbortSignal).aborted).toBe(true);
  });

  it('refuses a listing whose nextRecordsUrl repeats', async () => {
    const { client, mock } = mockClient();
    mockQueryJob(mock, ['JobComplete']);
    const again = `/services/data/v66.0/jobs/query/${JOB_ID}/resultPages?locator=YQ`;
    mock.onGet(PAGES).replyOnce(200, { resultPages: [], nextRecordsUrl: again, done: false });
    mock.onGet(`${PAGES}?locator=YQ`).reply(200, { resultPages: [], nextRecordsUrl: again, done: false });
    await expect(lastValueFrom(client.bulk.queryRecords(SOQL, { parallel: 2 }))).rejects.toThrow(
      /repeats a nextRecordsUrl/,
    );
  });
});
