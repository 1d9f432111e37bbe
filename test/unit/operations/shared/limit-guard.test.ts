import { firstValueFrom, lastValueFrom, of, toArray, type Observable } from 'rxjs';
import { ValidationError } from '../../../../src/errors/validation-error.js';
import type { LimitInfo } from '../../../../src/models/limit-info.js';
import { ApiLimitGuardError } from '../../../../src/errors/api-limit-guard-error.js';
import { apiLimitGuard, guardedCreation } from '../../../../src/operations/shared/limit-guard.js';
import type { SalesforceClient } from '../../../../src/client/salesforce-client.js';
import { BASE, JOB_ID, jobInfo, mockClient, requestLog } from '../../../support/mock-salesforce.js';

const reading = (used: number, limit: number): LimitInfo => ({ used, limit, remaining: limit - used });

describe('apiLimitGuard', () => {
  it('lets work start before any reading, and while enough requests remain', () => {
    let info: LimitInfo | undefined = undefined;
    const guard = apiLimitGuard(() => info, 1000);
    expect(() => guard.check('a job')).not.toThrow();
    info = reading(99_000, 100_000); // exactly 1000 left: not below the threshold
    expect(() => guard.check('a job')).not.toThrow();
  });

  it('refuses with ApiLimitGuardError once remaining falls below the threshold', () => {
    const guard = apiLimitGuard(() => reading(99_001, 100_000), 1000);
    const error = (() => {
      try {
        guard.check('an ingest job on Account');
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(ApiLimitGuardError);
    expect(error).toMatchObject({ name: 'ApiLimitGuardError', remaining: 999, threshold: 1000 });
    expect((error as Error).message).toBe(
      'Not starting an ingest job on Account: only 999 of 100000 daily API requests remain, below minRemainingApiCalls (1000)',
    );
  });

  it('guardedCreation checks at subscription, not when the Observable is built', async () => {
    let info: LimitInfo | undefined = reading(0, 10);
    const created = guardedCreation(
      apiLimitGuard(() => info, 5),
      'a job',
      of('job'),
    );
    info = reading(9, 10);
    await expect(firstValueFrom(created)).rejects.toBeInstanceOf(ApiLimitGuardError);
    info = reading(1, 10);
    await expect(firstValueFrom(created)).resolves.toBe('job');
  });
});

describe('client option minRemainingApiCalls', () => {
  it('refuses to create an ingest job, before any request, once Sforce-Limit-Info shows too few left', async () => {
    const { client, mock } = mockClient({ minRemainingApiCalls: 500 });
    mock.onGet(`${BASE}/limits`).replyOnce(200, {}, { 'Sforce-Limit-Info': 'api-usage=99600/100000' });
    mock.onPost(`${BASE}/jobs/ingest`).reply(200, jobInfo());
    await firstValueFrom(client.limits());

    const error = await lastValueFrom(client.bulk.insert('Account', [{ Name: 'Acme' }]).pipe(toArray())).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ApiLimitGuardError);
    expect(error).toMatchObject({ remaining: 400, threshold: 500 });
    const log = await requestLog(mock);
    expect(log.map((r) => `${r.method} ${r.url}`)).toEqual(['GET /services/data/v66.0/limits']);
    await client.whenSettled();
  });

  it.each<[string, (c: SalesforceClient) => Observable<unknown>]>([
    ['queryRecords', (c: SalesforceClient) => c.bulk.queryRecords('SELECT Id FROM Account').pipe(toArray())],
    ['query', (c: SalesforceClient) => c.bulk.query('SELECT Id FROM Account').pipe(toArray())],
    ['queryPages', (c: SalesforceClient) => c.bulk.queryPages('SELECT Id FROM Account', () => []).pipe(toArray())],
  ])('refuses to create a query job (%s) the same way: every job creation is guarded', async (_name, run) => {
    const { client, mock } = mockClient({ minRemainingApiCalls: 500 });
    mock.onGet(`${BASE}/limits`).replyOnce(200, {}, { 'Sforce-Limit-Info': 'api-usage=99600/100000' });
    mock.onPost(`${BASE}/jobs/query`).reply(200, jobInfo({ operation: 'query', state: 'UploadComplete' }));
    await firstValueFrom(client.limits());

    const error = await lastValueFrom(run(client)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiLimitGuardError);
    expect((error as Error).message).toMatch(/^Not starting a query job: only 400 of 100000/);
    const log = await requestLog(mock);
    expect(log.map((r) => `${r.method} ${r.url}`)).toEqual(['GET /services/data/v66.0/limits']);
    await client.whenSettled();
  });

  it("refuses to open a query cursor's job too", async () => {
    const { client, mock } = mockClient({ minRemainingApiCalls: 500 });
    mock.onGet(`${BASE}/limits`).replyOnce(200, {}, { 'Sforce-Limit-Info': 'api-usage=99600/100000' });
    await firstValueFrom(client.limits());
    const cursor = client.bulk.queryCursor('SELECT Id FROM Account');
    await expect(cursor.nextBatch()).rejects.toBeInstanceOf(ApiLimitGuardError);
    expect(mock.history.filter((h) => h.method === 'post')).toHaveLength(0);
  });

  it('creates jobs normally while enough requests remain', async () => {
    const { client, mock } = mockClient({ minRemainingApiCalls: 500 });
    const limitHeader = { 'Sforce-Limit-Info': 'api-usage=10/100000' };
    mock.onPost(`${BASE}/jobs/ingest`).replyOnce(200, jobInfo(), limitHeader);
    mock.onPut(`${BASE}/jobs/ingest/${JOB_ID}/batches`).replyOnce(201, '');
    mock.onPatch(`${BASE}/jobs/ingest/${JOB_ID}`).replyOnce(200, jobInfo({ state: 'UploadComplete' }));
    const events = await lastValueFrom(
      client.bulk.insert('Account', [{ Name: 'Acme' }], { wait: false }).pipe(toArray()),
    );
    expect(events.map((e) => (e.type === 'job' ? e.job.state : e.type))).toEqual(['Open', 'UploadComplete']);
    expect(client.limitInfo?.remaining).toBe(99_990);
  });

  it('is checked with the client options: a negative or fractional threshold is a ValidationError', () => {
    expect(() => mockClient({ minRemainingApiCalls: -1 })).toThrow(ValidationError);
    expect(() => mockClient({ minRemainingApiCalls: 1.5 })).toThrow(ValidationError);
  });
});
