import { lastValueFrom, toArray } from 'rxjs';
import { ResponseLimitError } from '../../../../src/errors/response-limit-error.js';
import { ValidationError } from '../../../../src/errors/validation-error.js';
import { BASE, JOB_ID, jobInfo, mockClient } from '../../../support/mock-salesforce.js';

const failure = (run: Promise<unknown>): Promise<unknown> =>
  run.then(
    () => undefined,
    (e: unknown) => e,
  );

describe('per-call options of the HTTP layer and deadlines', () => {
  it('timeoutMinutes: Infinity is accepted and means no deadline', async () => {
    const { client, mock } = mockClient();
    mock.onPost(`${BASE}/jobs/ingest`).replyOnce(200, jobInfo());
    mock.onPut(`${BASE}/jobs/ingest/${JOB_ID}/batches`).replyOnce(201, '');
    mock.onPatch(`${BASE}/jobs/ingest/${JOB_ID}`).replyOnce(200, jobInfo({ state: 'UploadComplete' }));
    const events = await lastValueFrom(
      client.bulk.insert('Account', [{ Name: 'A' }], { timeoutMinutes: Infinity, wait: false }).pipe(toArray()),
    );
    expect(events).toHaveLength(2);
    for (const run of [
      () => client.bulk.queryRecords('SELECT Id FROM Account', { timeoutMinutes: Infinity }),
      () => client.bulk.waitForJob(JOB_ID, { timeoutMinutes: Infinity }),
    ])
      expect(run).not.toThrow();
  });

  it.each([0, -1, Number.NaN])('timeoutMinutes: %p is a ValidationError before any request', async (minutes) => {
    const { client, mock } = mockClient();
    const error = await failure(
      lastValueFrom(client.bulk.insert('Account', [{ Name: 'A' }], { timeoutMinutes: minutes })),
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect(mock.history.length).toBe(0);
  });

  it('requestLimits per call replaces the client limits for every request of the operation', async () => {
    const { client, mock } = mockClient();
    mock.onPost(`${BASE}/jobs/query`).reply(200, jobInfo({ operation: 'query', state: 'UploadComplete' }));
    const error = await failure(
      lastValueFrom(client.bulk.queryRecords('SELECT Id FROM Account', { requestLimits: { maxJsonBytes: 16 } })),
    );
    expect(error).toBeInstanceOf(ResponseLimitError);
    expect(error).toMatchObject({ limit: 'maxJsonBytes', max: 16 });
    // the client's own limits are untouched
    mock.onPost(`${BASE}/jobs/ingest`).replyOnce(200, jobInfo());
    mock.onPut(`${BASE}/jobs/ingest/${JOB_ID}/batches`).replyOnce(201, '');
    mock.onPatch(`${BASE}/jobs/ingest/${JOB_ID}`).replyOnce(200, jobInfo({ state: 'UploadComplete' }));
    await lastValueFrom(client.bulk.insert('Account', [{ Name: 'A' }], { wait: false }));
  });

  it('a bad requestLimits is a ValidationError before any request', async () => {
    const { client, mock } = mockClient();
    const error = await failure(
      lastValueFrom(client.bulk.insert('Account', [{ Name: 'A' }], { requestLimits: { idleTimeoutMs: -5 } })),
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect(mock.history.length).toBe(0);
  });
});
