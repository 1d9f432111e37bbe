import { gzipSync } from 'node:zlib';
import { lastValueFrom, toArray } from 'rxjs';
import { ApiError } from '../../../../src/errors/api-error.js';
import { BulkTimeoutError } from '../../../../src/errors/bulk-timeout-error.js';
import { JobAbortedError } from '../../../../src/errors/job-aborted-error.js';
import { JobFailedError } from '../../../../src/errors/job-failed-error.js';
import { ResponseValidationError } from '../../../../src/errors/response-validation-error.js';
import { ValidationError } from '../../../../src/errors/validation-error.js';
import type { BulkQueryResult, QueryRecord } from '../../../../src/models/bulk-query-result.js';
import type { BulkEvent } from '../../../../src/operations/shared/bulk-event.js';
import { mockClient, requestLog } from '../../../support/mock-salesforce.js';
import {
  chunked,
  JOB_ID,
  mockQueryJob,
  pageHeaders,
  QUERY_JOB,
  QUERY_JOBS,
  queryJobInfo,
  requestLines,
  RESULTS,
  SOQL,
} from './query-mock.js';

const V = '/v66.0/jobs/query';

function resultOf(events: BulkEvent<BulkQueryResult<QueryRecord>>[]): BulkQueryResult<QueryRecord> {
  const last = events[events.length - 1];
  if (last?.type !== 'result') throw new Error('no result event');
  return last.result;
}

describe('query', () => {
  it('creates, polls and reads the results, emitting snapshots then one result', async () => {
    const { client, mock } = mockClient();
    mockQueryJob(mock);
    mock.onGet(RESULTS).replyOnce(200, '"Id","Name"\n"001A","Acme"\n"001B","Globex, Inc."\n', pageHeaders(null, 2));
    const progress: string[] = [];
    const events = await lastValueFrom(
      client.bulk.query(SOQL, { onProgress: (job) => progress.push(job.state) }).pipe(toArray()),
    );

    expect(await requestLines(mock)).toEqual([
      `POST ${V}`,
      `GET ${V}/${JOB_ID}`,
      `GET ${V}/${JOB_ID}`,
      `GET ${V}/${JOB_ID}/results`,
    ]);
    const log = await requestLog(mock);
    expect(JSON.parse(log[0]!.body!)).toEqual({
      contentType: 'CSV',
      operation: 'query',
      query: SOQL,
      columnDelimiter: 'COMMA',
      lineEnding: 'LF',
    });
    expect(log[3]!.headers['accept']).toBe('text/csv');
    expect(log[3]!.headers['accept-encoding']).toBe('gzip');
    expect(events.map((e) => (e.type === 'job' ? e.job.state : 'result'))).toEqual([
      'UploadComplete',
      'InProgress',
      'JobComplete',
      'result',
    ]);
    expect(progress).toEqual(['UploadComplete', 'InProgress', 'JobComplete']);
    const result = resultOf(events);
    expect(result.records).toEqual([
      { Id: '001A', Name: 'Acme' },
      { Id: '001B', Name: 'Globex, Inc.' },
    ]);
    expect(result.recordCount).toBe(2);
    expect(result.locator).toBeNull();
    expect(result.job.state).toBe('JobComplete');
    expect(events[0]!.control.operation).toBe('query');
    expect(events[0]!.control.object).toBe('Account');
  });

  it('sends queryAll, columnDelimiter and lineEnding, and parses pages in that dialect', async () => {
    const { client, mock } = mockClient();
    mockQueryJob(mock, ['JobComplete'], { operation: 'queryAll', columnDelimiter: 'SEMICOLON', lineEnding: 'CRLF' });
    mock.onGet(RESULTS).replyOnce(200, '"Id";"Name"\r\n"001A";"a;b"\r\n', pageHeaders(null, 1));
    const rows = await lastValueFrom(
      client.bulk
        .queryRecords(SOQL, { queryAll: true, columnDelimiter: 'SEMICOLON', lineEnding: 'CRLF' })
        .pipe(toArray()),
    );
    const log = await requestLog(mock);
    expect(JSON.parse(log[0]!.body!)).toEqual({
      contentType: 'CSV',
      operation: 'queryAll',
      query: SOQL,
      columnDelimiter: 'SEMICOLON',
      lineEnding: 'CRLF',
    });
    expect(rows).toEqual([{ Id: '001A', Name: 'a;b' }]);
  });

  it('reads results with the API version the job was created with', async () => {
    const { client, mock } = mockClient();
    mockQueryJob(mock, ['JobComplete'], { apiVersion: 62.0 });
    mock.onGet(RESULTS.replace('v66.0', 'v62.0')).replyOnce(200, '"Id"\n"001A"\n', pageHeaders(null, 1));
    const rows = await lastValueFrom(client.bulk.queryRecords(SOQL).pipe(toArray()));
    expect(rows).toEqual([{ Id: '001A' }]);
    expect((await requestLines(mock)).pop()).toBe(`GET /v62.0/jobs/query/${JOB_ID}/results`);
  });
});

describe('locator paging', () => {
  it('follows Sforce-Locator with the same maxRecords until the literal null; each page header is read once', async () => {
    const { client, mock } = mockClient();
    mockQueryJob(mock, ['JobComplete'], { numberRecordsProcessed: 5 });
    mock.onGet(`${RESULTS}?maxRecords=2`).replyOnce(200, '"Id","Name"\n"1","a"\n"2","b"\n', pageHeaders('MTAw', 2));
    mock
      .onGet(`${RESULTS}?locator=MTAw&maxRecords=2`)
      .replyOnce(200, '"Id","Name"\n"3","c"\n"4","d"\n', pageHeaders('MjAw', 2));
    mock.onGet(`${RESULTS}?locator=MjAw&maxRecords=2`).replyOnce(200, '"Id","Name"\n"5","e"\n', pageHeaders(null, 1));
    const rows = await lastValueFrom(client.bulk.queryRecords(SOQL, { maxRecords: 2 }).pipe(toArray()));
    expect(rows.map((r) => r.Id)).toEqual(['1', '2', '3', '4', '5']);
    expect((await requestLines(mock)).slice(2)).toEqual([
      `GET ${V}/${JOB_ID}/results?maxRecords=2`,
      `GET ${V}/${JOB_ID}/results?locator=MTAw&maxRecords=2`,
      `GET ${V}/${JOB_ID}/results?locator=MjAw&maxRecords=2`,
    ]);
  });

  it.each([
    ['an empty body', '', pageHeaders(null, 0)],
    ['a header-only page', '"Id","Name"\n', pageHeaders(null, 0)],
    ['a header-only page without a final newline', '"Id","Name"', pageHeaders(null)],
  ])('gives no rows for %s', async (_name, body, headers) => {
    const { client, mock } = mockClient();
    mockQueryJob(mock, ['JobComplete']);
    mock.onGet(RESULTS).replyOnce(200, body, headers);
    const events = await lastValueFrom(client.bulk.query(SOQL).pipe(toArray()));
    expect(resultOf(events).recordCount).toBe(0);
  });

  it('gives one row for a one-row page without a trailing newline', async () => {
    const { client, mock } = mockClient();
    mockQueryJob(mock, ['JobComplete']);
    mock.onGet(RESULTS).replyOnce(200, '"Id","Name"\n"001","Only"', pageHeaders(null, 1));
    expect(await lastValueFrom(client.bulk.queryRecords(SOQL).pipe(toArray()))).toEqual([{ Id: '001', Name: 'Only' }]);
  });

  it('ends paging when Sforce-Locator is missing (no second request) once the job count is reached', async () => {
    const { client, mock } = mockClient();
    // a missing locator is trusted only when the rows read match the job's count (see test/unit/hostile/responses.test.ts)
    mockQueryJob(mock, ['JobComplete'], { numberRecordsProcessed: 1 });
    mock.onGet(RESULTS).replyOnce(200, '"Id"\n"1"\n', pageHeaders(undefined, 1));
    expect(await lastValueFrom(client.bulk.queryRecords(SOQL).pipe(toArray()))).toEqual([{ Id: '1' }]);
    expect(mock.history.length).toBe(3);
  });

  it('parses rows split across chunks anywhere: inside quoted newlines, quotes, delimiters and UTF-8 characters', async () => {
    const { client, mock } = mockClient();
    mockQueryJob(mock, ['JobComplete']);
    const page1 = Buffer.from('"Id","Note"\n"1","line one\nline two, ""quoted"""\n"2","café ☕"\n', 'utf8');
    const cuts = [3, 20, 25, 31, 38, 44, 52, 55, 56, page1.length - 2];
    const pieces = cuts.map((end, i) => page1.subarray(i === 0 ? 0 : cuts[i - 1], end));
    pieces.push(page1.subarray(cuts[cuts.length - 1]));
    mock.onGet(RESULTS).replyOnce(200, chunked(pieces), pageHeaders('bG9j', 2));
    mock
      .onGet(`${RESULTS}?locator=bG9j`)
      .replyOnce(200, chunked(['"Id","No', 'te"\r', '\n"3","x\r\ny"\r\n']), pageHeaders(null, 1));
    const rows = await lastValueFrom(client.bulk.queryRecords(SOQL).pipe(toArray()));
    expect(rows).toEqual([
      { Id: '1', Note: 'line one\nline two, "quoted"' },
      { Id: '2', Note: 'café ☕' },
      { Id: '3', Note: 'x\r\ny' },
    ]);
  });

  it('decodes a gzip body that the transport did not decompress', async () => {
    const { client, mock } = mockClient();
    mockQueryJob(mock, ['JobComplete']);
    const gz = gzipSync(Buffer.from('"Id","Name"\n"1","Zürich"\n', 'utf8'));
    mock.onGet(RESULTS).replyOnce(200, chunked([gz.subarray(0, 7), gz.subarray(7)]), pageHeaders(null, 1));
    expect(await lastValueFrom(client.bulk.queryRecords(SOQL).pipe(toArray()))).toEqual([{ Id: '1', Name: 'Zürich' }]);
  });

  it.each([
    ['fewer rows than announced', '"Id"\n"1"\n', 2],
    ['more rows than announced', '"Id"\n"1"\n"2"\n', 1],
    ['an empty body announced as rows', '', 3],
  ])('fails on %s (Sforce-NumberOfRecords mismatch), never losing rows silently', async (_name, body, count) => {
    const { client, mock } = mockClient();
    mockQueryJob(mock, ['JobComplete']);
    mock.onGet(RESULTS).replyOnce(200, body, pageHeaders(null, count));
    const error = await lastValueFrom(client.bulk.queryRecords(SOQL).pipe(toArray())).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect((error as Error).message).toMatch(/Sforce-NumberOfRecords( says|\b.*reading stopped)/);
  });

  it('fails on a malformed Sforce-NumberOfRecords', async () => {
    const { client, mock } = mockClient();
    mockQueryJob(mock, ['JobComplete']);
    mock.onGet(RESULTS).replyOnce(200, '"Id"\n"1"\n', { 'sforce-locator': 'null', 'sforce-numberofrecords': 'many' });
    await expect(lastValueFrom(client.bulk.queryRecords(SOQL))).rejects.toBeInstanceOf(ResponseValidationError);
  });

  it.each([
    ['whitespace', 'abc def'],
    ['a control character (tab)', 'abc\tdef'],
    ['an absurd length', 'A'.repeat(5000)],
    ['non-ASCII', 'lóc'],
  ])('refuses a locator with %s, requesting nothing more', async (_name, locator) => {
    const { client, mock } = mockClient();
    mockQueryJob(mock, ['JobComplete']);
    mock.onGet(RESULTS).replyOnce(200, '"Id"\n"1"\n', pageHeaders(locator, 1));
    const error = await lastValueFrom(client.bulk.queryRecords(SOQL).pipe(toArray())).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect((error as Error).message).toMatch(/malformed Sforce-Locator/);
    expect(mock.history.length).toBe(3);
  });

  it('refuses a locator that repeats an earlier one', async () => {
    const { client, mock } = mockClient();
    mockQueryJob(mock, ['JobComplete']);
    mock.onGet(RESULTS).replyOnce(200, '"Id"\n"1"\n', pageHeaders('QQ', 1));
    mock.onGet(`${RESULTS}?locator=QQ`).replyOnce(200, '"Id"\n"2"\n', pageHeaders('Qg', 1));
    mock.onGet(`${RESULTS}?locator=Qg`).replyOnce(200, '"Id"\n"3"\n', pageHeaders('QQ', 1));
    const error = await lastValueFrom(client.bulk.queryRecords(SOQL).pipe(toArray())).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect((error as Error).message).toMatch(/repeats the Sforce-Locator/);
    expect(mock.history.length).toBe(5);
  });
});

describe('query job outcomes', () => {
  it('surfaces a create-time SOQL error as ApiError with Salesforce code and message', async () => {
    const { client, mock } = mockClient();
    mock
      .onPost(QUERY_JOBS)
      .replyOnce(400, [{ errorCode: 'INVALID_FIELD', message: "No such column 'Nmae' on entity 'Account'." }]);
    const error = await lastValueFrom(client.bulk.queryRecords('SELECT Nmae FROM Account')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).errorCode).toBe('INVALID_FIELD');
    expect((error as ApiError).message).toContain("No such column 'Nmae'");
    expect(mock.history.length).toBe(1);
  });

  it('errors with JobFailedError when the job fails, after emitting its snapshot', async () => {
    const { client, mock } = mockClient();
    mockQueryJob(mock, ['InProgress', 'Failed'], { errorMessage: 'Query timed out' });
    const seen: string[] = [];
    const error = await new Promise<unknown>((resolve) =>
      client.bulk.query(SOQL).subscribe({
        next: (e) => e.type === 'job' && seen.push(e.job.state),
        error: resolve,
        complete: () => resolve(undefined),
      }),
    );
    expect(error).toBeInstanceOf(JobFailedError);
    expect((error as JobFailedError).job.errorMessage).toBe('Query timed out');
    expect(seen).toEqual(['UploadComplete', 'InProgress', 'Failed']);
    await client.whenSettled();
    expect((await requestLog(mock)).map((r) => r.method)).not.toContain('PATCH');
  });

  it('errors with JobAbortedError when someone else aborts the job', async () => {
    const { client, mock } = mockClient();
    mockQueryJob(mock, ['Aborted']);
    await expect(lastValueFrom(client.bulk.queryRecords(SOQL))).rejects.toBeInstanceOf(JobAbortedError);
  });

  it('times out with BulkTimeoutError (default 30 minutes configurable) and leaves the job running', async () => {
    const { client, mock } = mockClient();
    mock.onPost(QUERY_JOBS).replyOnce(200, queryJobInfo());
    mock.onGet(QUERY_JOB).reply(200, queryJobInfo({ state: 'InProgress' }));
    const error = await lastValueFrom(client.bulk.queryRecords(SOQL, { timeoutMinutes: 0.0005 })).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(BulkTimeoutError);
    expect((error as BulkTimeoutError).jobId).toBe(JOB_ID);
    await client.whenSettled();
    expect((await requestLog(mock)).map((r) => r.method)).not.toContain('PATCH');
  });
});

describe('validation before any request', () => {
  it.each([
    ['an empty query', '', undefined, 'soql'],
    ['a whitespace query', ' \n\t ', undefined, 'soql'],
    ['an unknown option', SOQL, { maxRecord: 5 }, 'maxRecord'],
    ['maxRecords 0', SOQL, { maxRecords: 0 }, 'maxRecords'],
    ['a fractional maxRecords', SOQL, { maxRecords: 1.5 }, 'maxRecords'],
    ['parallel 0', SOQL, { parallel: 0 }, 'parallel'],
    ['a bad invalidRows', SOQL, { invalidRows: 'ignore' }, 'invalidRows'],
    ['a schema that is not a zod object', SOQL, { schema: { Id: 'string' } }, 'schema'],
    ['a bad columnDelimiter', SOQL, { columnDelimiter: 'COLON' }, 'columnDelimiter'],
  ])('%s is a ValidationError naming the field', async (_name, soql, options, field) => {
    const { client, mock } = mockClient();
    for (const run of [
      () => client.bulk.queryRecords(soql, options as never),
      () => client.bulk.query(soql, options as never),
    ]) {
      const error = await lastValueFrom(run()).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).field).toBe(field);
    }
    expect(() => client.bulk.queryCursor(soql, options as never)).toThrow(ValidationError);
    expect(mock.history.length).toBe(0);
  });

  it('is cold: nothing is sent before subscription', () => {
    const { client, mock } = mockClient();
    client.bulk.query(SOQL);
    client.bulk.queryRecords(SOQL);
    client.bulk.queryCursor(SOQL);
    expect(mock.history.length).toBe(0);
  });
});
