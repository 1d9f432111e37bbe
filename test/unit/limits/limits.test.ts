import { firstValueFrom } from 'rxjs';
import { ResponseValidationError } from '../../../src/errors/response-validation-error.js';
import { BASE, mockClient, requestLog } from '../../support/mock-salesforce.js';

/** A `/limits` body as Salesforce sends it: many allocations, some with per-app entries. */
const LIMITS_BODY = {
  ConcurrentAsyncGetReportInstances: { Max: 200, Remaining: 200 },
  DailyApiRequests: { Max: 100_000, Remaining: 98_765, 'Ant Migration Tool': { Max: 0, Remaining: 0 } },
  DailyBulkApiBatches: { Max: 15_000, Remaining: 14_990 },
  DailyBulkV2QueryFileStorageMB: { Max: 976_562, Remaining: 976_000 },
  DailyBulkV2QueryJobs: { Max: 10_000, Remaining: 9_998 },
  DataStorageMB: { Max: 5, Remaining: 4 },
};

describe('client.limits()', () => {
  it('reads GET /limits and returns the Bulk-related allocations as { max, remaining }', async () => {
    const { client, mock } = mockClient();
    mock.onGet(`${BASE}/limits`).replyOnce(200, LIMITS_BODY);
    const limits = await firstValueFrom(client.limits());
    expect(limits).toEqual({
      DailyApiRequests: { max: 100_000, remaining: 98_765 },
      DailyBulkApiBatches: { max: 15_000, remaining: 14_990 },
      DailyBulkV2QueryFileStorageMB: { max: 976_562, remaining: 976_000 },
      DailyBulkV2QueryJobs: { max: 10_000, remaining: 9_998 },
    });
    const log = await requestLog(mock);
    expect(log.map((r) => `${r.method} ${r.url}`)).toEqual(['GET /services/data/v66.0/limits']);
  });

  it('is cold: nothing is sent until subscription', async () => {
    const { client, mock } = mockClient();
    mock.onGet(`${BASE}/limits`).reply(200, LIMITS_BODY);
    const limits$ = client.limits();
    expect(mock.history.get).toHaveLength(0);
    await firstValueFrom(limits$);
    expect(mock.history.get).toHaveLength(1);
  });

  it('tolerates allocations the org does not report (absent or null) as undefined', async () => {
    const { client, mock } = mockClient();
    mock
      .onGet(`${BASE}/limits`)
      .replyOnce(200, { DailyApiRequests: { Max: 5000, Remaining: 4999 }, DailyBulkV2QueryJobs: null });
    const limits = await firstValueFrom(client.limits());
    expect(limits).toEqual({
      DailyApiRequests: { max: 5000, remaining: 4999 },
      DailyBulkApiBatches: undefined,
      DailyBulkV2QueryFileStorageMB: undefined,
      DailyBulkV2QueryJobs: undefined,
    });
  });

  it.each([
    [
      'a string where a number belongs',
      { DailyBulkApiBatches: { Max: '15000', Remaining: 1 } },
      'DailyBulkApiBatches.Max',
    ],
    ['an allocation without Remaining', { DailyApiRequests: { Max: 100 } }, 'DailyApiRequests.Remaining'],
    ['an array instead of an object', [{ Max: 1, Remaining: 1 }], '(root)'],
  ])('fails with ResponseValidationError on %s', async (_what, body, where) => {
    const { client, mock } = mockClient();
    mock.onGet(`${BASE}/limits`).replyOnce(200, body);
    const error = await firstValueFrom(client.limits()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect((error as ResponseValidationError).message).toContain(where);
  });

  it('updates limitInfo$ from the Sforce-Limit-Info header of the answer', async () => {
    const { client, mock } = mockClient();
    mock.onGet(`${BASE}/limits`).replyOnce(200, LIMITS_BODY, { 'Sforce-Limit-Info': 'api-usage=1235/100000' });
    await firstValueFrom(client.limits());
    expect(client.limitInfo).toEqual({ used: 1235, limit: 100_000, remaining: 98_765, bursts: undefined });
    expect(await firstValueFrom(client.limitInfo$)).toEqual(client.limitInfo);
  });
});
