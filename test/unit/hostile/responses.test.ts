import type MockAdapter from 'axios-mock-adapter';
import { lastValueFrom, toArray, VirtualTimeScheduler, type Observable } from 'rxjs';
import { toResult } from '../../../operators/to-result.js';
import { BulkTimeoutError } from '../../../src/errors/bulk-timeout-error.js';
import { ResponseValidationError } from '../../../src/errors/response-validation-error.js';
import { ServerError } from '../../../src/errors/server-error.js';
import { ValidationError } from '../../../src/errors/validation-error.js';
import { KineticError } from '../../../src/errors/kinetic-error.js';
import type { BulkResult } from '../../../src/models/bulk-result.js';
import type { BulkEvent } from '../../../src/operations/shared/bulk-event.js';
import { fixedPolling } from '../../../src/poller/poll-policy.js';
import { BASE, JOB_ID, jobInfo, mockClient } from '../../support/mock-salesforce.js';
import { mockQueryJob, pageHeaders, RESULTS, SOQL } from '../operations/query/query-mock.js';

const JOB = `${BASE}/jobs/ingest/${JOB_ID}`;
const CSV = { 'content-type': 'text/csv; charset=UTF-8' };
const HTML =
  '<!DOCTYPE html><html><head><title>Maintenance</title></head><body><h1>Down for maintenance</h1></body></html>';
const ROWS = [{ Name: 'a' }, { Name: 'b' }, { Name: 'c' }];

/** Create, upload, close and a complete job; result files as given. */
function mockIngest(
  mock: MockAdapter,
  results: { success?: string; failed?: string; unprocessed?: string; headers?: Record<string, string> } = {},
): void {
  mock.onPost(`${BASE}/jobs/ingest`).replyOnce(200, jobInfo());
  mock.onPut(`${JOB}/batches`).replyOnce(201, '');
  mock.onPatch(JOB).replyOnce(200, jobInfo({ state: 'UploadComplete' }));
  mock.onGet(JOB).replyOnce(200, jobInfo({ state: 'JobComplete', numberRecordsProcessed: 3, numberRecordsFailed: 0 }));
  const headers = results.headers ?? CSV;
  mock
    .onGet(`${JOB}/successfulResults`)
    .replyOnce(
      200,
      results.success ??
        '"sf__Id","sf__Created",Name\n"001000000000001AAA","true","a"\n"001000000000002AAA","true","b"\n"001000000000003AAA","true","c"\n',
      headers,
    );
  mock.onGet(`${JOB}/failedResults`).replyOnce(200, results.failed ?? '"sf__Id","sf__Error",Name\n', headers);
  mock.onGet(`${JOB}/unprocessedrecords`).replyOnce(200, results.unprocessed ?? 'Name\n', headers);
}

const insert = (client: ReturnType<typeof mockClient>['client']): Promise<BulkResult> =>
  lastValueFrom(client.bulk.insert('Account', ROWS).pipe(toResult()));
const failure = (promise: Promise<unknown>): Promise<unknown> =>
  promise.then(
    () => undefined,
    (e: unknown) => e,
  );
const sentAbort = (mock: MockAdapter): boolean =>
  mock.history.some((h) => h.method === 'patch' && String(h.data).includes('Aborted'));

describe('truncated CSV', () => {
  it('a query page with fewer rows than Sforce-NumberOfRecords is an error', async () => {
    const { client, mock } = mockClient();
    mockQueryJob(mock, ['JobComplete']);
    mock.onGet(RESULTS).replyOnce(200, '"Id"\n"1"\n"2"\n', pageHeaders(null, 3));
    expect(await failure(lastValueFrom(client.bulk.queryRecords(SOQL).pipe(toArray())))).toBeInstanceOf(
      ResponseValidationError,
    );
  });

  it.each([
    ['cut in the middle of a row', '"Id","Name"\n"1","a"\n"2"'],
    ['cut inside a quoted field', '"Id","Name"\n"1","a"\n"2","unterminated'],
  ])('a query page %s is an error', async (_name, body) => {
    const { client, mock } = mockClient();
    mockQueryJob(mock, ['JobComplete']);
    mock.onGet(RESULTS).replyOnce(200, body, pageHeaders(null));
    expect(await failure(lastValueFrom(client.bulk.queryRecords(SOQL).pipe(toArray())))).toBeInstanceOf(
      ResponseValidationError,
    );
  });

  it('an ingest result file cut at a row boundary: the missing rows are reported unprocessed, never lost', async () => {
    const { client, mock } = mockClient();
    mockIngest(mock, { success: '"sf__Id","sf__Created",Name\n"001000000000001AAA","true","a"\n' });
    const result = await insert(client);
    expect(result.successCount + result.failedCount + result.unprocessedCount).toBe(3);
    expect(result.unprocessedRecords.map((r) => [r.fields.Name, r.missingFromResults])).toEqual([
      ['b', true],
      ['c', true],
    ]);
    expect(result.jobErrors.map((e) => e.statusCode)).toEqual(['RESULTS_INCOMPLETE']);
  });

  it('an ingest result file cut in the middle of a row is an error', async () => {
    const { client, mock } = mockClient();
    mockIngest(mock, {
      success: '"sf__Id","sf__Created",Name\n"001000000000001AAA","true","a"\n"001000000000002AAA","tr',
    });
    expect(await failure(insert(client))).toBeInstanceOf(ResponseValidationError);
  });
});

describe('JSON bodies of the wrong shape, HTML pages, empty bodies', () => {
  it.each([
    ['a JSON body of the wrong shape', 200, { id: 42, state: 'Exploded' }],
    ['a JSON array', 200, []],
    ['an HTML page with status 200', 200, HTML],
    ['an empty body with status 200', 200, ''],
    ['a truncated JSON body', 200, '{"id":"7505fEXAMPLE4C2AAM","state":"Op'],
  ])('job creation answered with %s: ResponseValidationError carrying the raw body', async (_name, status, body) => {
    const { client, mock } = mockClient();
    mock.onPost(`${BASE}/jobs/ingest`).replyOnce(status, body);
    const error = await failure(insert(client));
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect((error as ResponseValidationError).raw).toEqual(body);
    expect(mock.history.length).toBe(1);
  });

  it.each([
    ['an HTML page', HTML],
    ['an empty body', ''],
  ])('a 500 with %s is a ServerError, retried, then reported', async (_name, body) => {
    const { client, mock } = mockClient({ retryPolicy: { maxRetries: 2, initialDelayMs: 1, maxDelayMs: 1 } });
    mock.onPost(`${BASE}/jobs/ingest`).replyOnce(200, jobInfo());
    mock.onPut(`${JOB}/batches`).replyOnce(201, '');
    mock.onPatch(JOB).replyOnce(200, jobInfo({ state: 'UploadComplete' }));
    mock.onGet(JOB).reply(500, body, { 'content-type': body ? 'text/html' : 'text/plain' });
    mock.onPatch(JOB).replyOnce(200, jobInfo({ state: 'Aborted' }));
    const error = await failure(insert(client));
    expect(error).toBeInstanceOf(ServerError);
    expect((error as ServerError).message).toMatch(body ? /Down for maintenance/ : /empty body/);
    expect(mock.history.filter((h) => h.method === 'get' && h.url === JOB).length).toBe(3);
    // the run failed while the job ran: teardown aborted it
    await client.whenSettled();
    expect(sentAbort(mock)).toBe(true);
  });

  it('a poll answered with the wrong shape fails the run and aborts the job', async () => {
    const { client, mock } = mockClient();
    mockIngest(mock);
    mock.resetHandlers();
    mock.onPost(`${BASE}/jobs/ingest`).replyOnce(200, jobInfo());
    mock.onPut(`${JOB}/batches`).replyOnce(201, '');
    mock.onPatch(JOB).replyOnce(200, jobInfo({ state: 'UploadComplete' }));
    mock.onGet(JOB).replyOnce(200, { records: [] });
    mock.onPatch(JOB).replyOnce(200, jobInfo({ state: 'Aborted' }));
    expect(await failure(insert(client))).toBeInstanceOf(ResponseValidationError);
    await client.whenSettled();
    expect(sentAbort(mock)).toBe(true);
  });

  it.each([
    ['an HTML page with status 200', HTML, { 'content-type': 'text/html; charset=UTF-8' }],
    ['a JSON error with status 200', '[{"errorCode":"X","message":"y"}]', { 'content-type': 'application/json' }],
  ])('a result file answered with %s is never parsed as rows', async (_name, body, headers) => {
    const { client, mock } = mockClient();
    mockIngest(mock, { success: body, headers });
    const error = await failure(insert(client));
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect((error as ResponseValidationError).message).toMatch(/Expected CSV/);
    const query = mockClient();
    mockQueryJob(query.mock, ['JobComplete']);
    query.mock.onGet(RESULTS).replyOnce(200, body, { ...headers, 'sforce-locator': 'null' });
    expect(await failure(lastValueFrom(query.client.bulk.queryRecords(SOQL).pipe(toArray())))).toBeInstanceOf(
      ResponseValidationError,
    );
  });

  it('an empty query page that the job says is empty is an empty result', async () => {
    const { client, mock } = mockClient();
    mockQueryJob(mock, ['JobComplete'], { numberRecordsProcessed: 0 });
    mock.onGet(RESULTS).replyOnce(200, '', pageHeaders(null));
    expect(await lastValueFrom(client.bulk.queryRecords(SOQL).pipe(toArray()))).toEqual([]);
  });

  it('a job id crafted in a response is refused before it is put in a path', async () => {
    const { client, mock } = mockClient();
    mock.onPost(`${BASE}/jobs/ingest`).replyOnce(200, jobInfo({ id: '../../limits' }));
    expect(await failure(insert(client))).toBeInstanceOf(ValidationError);
    expect(mock.history.length).toBe(1);
  });

  it('a __proto__ key in a response pollutes nothing', async () => {
    const { client, mock } = mockClient();
    mockIngest(mock);
    mock.resetHandlers();
    mockIngest(mock);
    mock
      .onPost(`${BASE}/jobs/ingest`)
      .replyOnce(200, `{"__proto__":{"polluted":true},${JSON.stringify(jobInfo()).slice(1)}`);
    await failure(insert(client));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('Sforce-Locator', () => {
  it('missing while the job counted more rows: an error, not a shorter result', async () => {
    const { client, mock } = mockClient();
    mockQueryJob(mock, ['JobComplete']); // the job reports 3 rows
    mock.onGet(RESULTS).replyOnce(200, '"Id"\n"1"\n', pageHeaders(undefined));
    const error = await failure(lastValueFrom(client.bulk.queryRecords(SOQL).pipe(toArray())));
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect((error as Error).message).toMatch(/ended after 1 rows but the job reports 3/);
  });

  it.each([
    ['spaces and control characters', 'abc def\u0001'],
    ['non-ASCII', 'lócator'],
    ['5,000 characters', 'x'.repeat(5000)],
  ])('garbage (%s) is an error', async (_name, locator) => {
    const { client, mock } = mockClient();
    mockQueryJob(mock, ['JobComplete']);
    mock.onGet(RESULTS).replyOnce(200, '"Id"\n"1"\n', { ...CSV, 'sforce-locator': locator });
    expect(await failure(lastValueFrom(client.bulk.queryRecords(SOQL).pipe(toArray())))).toBeInstanceOf(
      ResponseValidationError,
    );
  });

  it('a locator that comes back again is an error, not an endless loop', async () => {
    const { client, mock } = mockClient();
    mockQueryJob(mock, ['JobComplete']);
    mock.onGet(new RegExp(`^${RESULTS}`)).reply(200, '"Id"\n"1"\n', pageHeaders('MTAw'));
    const error = await failure(lastValueFrom(client.bulk.queryRecords(SOQL).pipe(toArray())));
    expect((error as Error).message).toMatch(/repeats the Sforce-Locator/);
    expect(mock.history.filter((h) => h.url?.includes('/results')).length).toBe(2);
  });
});

/**
 * Runs a promise to its end with the client's timers in virtual time: the clock jumps to the
 * next timer only once pending I/O (the mock's answers) has had a few turns to settle.
 */
async function inVirtualTime<T>(scheduler: VirtualTimeScheduler, work: Promise<T>): Promise<T> {
  let settled = false;
  const done = work.finally(() => (settled = true));
  done.catch(() => undefined);
  while (!settled) {
    for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
    const next = scheduler.actions[0];
    if (next === undefined) continue;
    scheduler.maxFrames = next.delay;
    scheduler.flush();
  }
  return done;
}

describe('a job that stays InProgress forever', () => {
  it('an ingest job ends in BulkTimeoutError after timeoutMinutes of virtual time, left running to be resumed', async () => {
    const scheduler = new VirtualTimeScheduler();
    const { client, mock } = mockClient({ scheduler });
    mock.onPost(`${BASE}/jobs/ingest`).replyOnce(200, jobInfo());
    mock.onPut(`${JOB}/batches`).replyOnce(201, '');
    mock.onPatch(JOB).replyOnce(200, jobInfo({ state: 'UploadComplete' }));
    mock.onGet(JOB).reply(200, jobInfo({ state: 'InProgress', numberRecordsProcessed: 1 }));
    const op: Observable<BulkEvent<BulkResult>> = client.bulk.insert('Account', ROWS, {
      timeoutMinutes: 600,
      pollPolicy: fixedPolling(60_000),
    });
    const error = await inVirtualTime(scheduler, failure(lastValueFrom(op.pipe(toResult()))));
    expect(error).toBeInstanceOf(BulkTimeoutError);
    expect((error as BulkTimeoutError).jobId).toBe(JOB_ID);
    expect((error as BulkTimeoutError).lastJob?.state).toBe('InProgress');
    expect(scheduler.now()).toBe(600 * 60_000);
    // one poll a minute for ten hours, each answered InProgress
    expect(mock.history.filter((h) => h.method === 'get').length).toBeGreaterThanOrEqual(599);
    expect(sentAbort(mock)).toBe(false);
  });

  it('a query job too', async () => {
    const scheduler = new VirtualTimeScheduler();
    const { client, mock } = mockClient({ scheduler });
    mockQueryJob(mock, []);
    mock.onGet(`${BASE}/jobs/query/${JOB_ID}`).reply(200, jobInfo({ operation: 'query', state: 'InProgress' }));
    const error = await inVirtualTime(
      scheduler,
      failure(
        lastValueFrom(
          client.bulk.queryRecords(SOQL, { timeoutMinutes: 30, pollPolicy: fixedPolling(30_000) }).pipe(toArray()),
        ),
      ),
    );
    expect(error).toBeInstanceOf(BulkTimeoutError);
    expect(error).toBeInstanceOf(KineticError);
    expect((error as BulkTimeoutError).lastJob?.state).toBe('InProgress');
    expect(scheduler.now()).toBe(30 * 60_000);
  });
});
