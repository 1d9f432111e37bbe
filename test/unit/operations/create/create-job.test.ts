import axios from 'axios';
import MockAdapter from 'axios-mock-adapter';
import { defer, lastValueFrom, NEVER, of, Subject, throwError } from 'rxjs';
import { AccessTokenAuthenticator } from '../../../../src/auth/access-token.js';
import { ApiError } from '../../../../src/errors/api-error.js';
import { ServerError } from '../../../../src/errors/server-error.js';
import { ApiClient } from '../../../../src/http/api-client.js';
import { axiosTransport } from '../../../../src/http/axios-transport.js';
import type { RetryPolicy } from '../../../../src/http/retry-policy.js';
import { CreateGate } from '../../../../src/operations/create/create-gate.js';
import { createJob } from '../../../../src/operations/create/create-job.js';
import { DetachedWork } from '../../../../src/operations/shared/detached-work.js';
import type { JobSpec } from '../../../../src/operations/create/find-created-job.js';
import { JobOwnership } from '../../../../src/operations/create/job-ownership.js';
import type { OperationContext } from '../../../../src/operations/shared/operation-context.js';
import { fixedPolling } from '../../../../src/poller/poll-policy.js';
import { BASE, INSTANCE, jobInfo, TOKEN } from '../../../support/mock-salesforce.js';

const CREATE = `${BASE}/jobs/ingest`;
const LIST = new RegExp(`^${BASE}/jobs/ingest\\?jobType=V2Ingest$`);
const QUERY_CREATE = `${BASE}/jobs/query`;
const QUERY_LIST = new RegExp(`^${BASE}/jobs/query\\?jobType=V2Query$`);
const USER = '005xx000001X8UzAAK';
const INGEST: JobSpec = {
  kind: 'ingest',
  definition: {
    object: 'Account',
    operation: 'upsert',
    externalIdFieldName: 'External_Key__c',
    lineEnding: 'LF',
    columnDelimiter: 'COMMA',
  },
};
const QUERY: JobSpec = {
  kind: 'query',
  definition: { operation: 'query', query: 'SELECT Id FROM Account', lineEnding: 'LF', columnDelimiter: 'COMMA' },
};
const POLICY: RetryPolicy = { maxRetries: 2, initialDelayMs: 1, factor: 1, maxDelayMs: 1, jitter: 0 };

function setup(policy: RetryPolicy = POLICY) {
  const instance = axios.create();
  const mock = new MockAdapter(instance, { onNoMatch: 'throwException' });
  const api = new ApiClient({
    transport: axiosTransport({ instance }),
    auth: new AccessTokenAuthenticator({ instanceUrl: INSTANCE, accessToken: TOKEN }),
    apiVersion: '66.0',
    retryPolicy: policy,
  });
  const debug: string[] = [];
  const registry = new JobOwnership();
  const ctx: OperationContext = {
    api,
    scheduler: api.scheduler,
    pollPolicy: fixedPolling(1),
    detached: new DetachedWork(),
    logger: { debug: (m) => debug.push(m) },
    ownership: registry,
  };
  return { api, mock, ctx, registry, debug };
}

/** A listed job like the one the failed create would have made (an id per `n`), with field overrides. */
function listed(n: number, fields: Record<string, unknown> = {}): Record<string, unknown> {
  return jobInfo({
    id: `7505f00000000${String(n).padStart(2, '0')}AAA`,
    operation: 'upsert',
    externalIdFieldName: 'External_Key__c',
    createdById: USER,
    createdDate: new Date().toISOString(),
    ...fields,
  });
}
const page = (...records: Record<string, unknown>[]) => ({ done: true, records, nextRecordsUrl: null });
const posts = (mock: MockAdapter, url = CREATE) =>
  mock.history.filter((h) => h.method === 'post' && h.url === url).length;

describe('createJob after an ambiguous failure', () => {
  it('adopts the Open job with the same definition stamped since the request was sent', async () => {
    const { mock, ctx, debug } = setup();
    mock.onPost(CREATE).replyOnce(503, '');
    mock.onGet(LIST).replyOnce(200, page(listed(1, { object: 'Contact' }), listed(2)));
    const job = await lastValueFrom(createJob(ctx, INGEST));
    expect(job.id).toBe('7505f0000000002AAA');
    expect(posts(mock)).toBe(1);
    expect(debug.some((line) => line.includes('adopted job 7505f0000000002AAA'))).toBe(true);
  });

  it('follows nextRecordsUrl through every page of the listing', async () => {
    const { mock, ctx } = setup();
    mock.onPost(CREATE).replyOnce(503, '');
    mock.onGet(LIST).replyOnce(200, {
      done: false,
      records: [listed(1, { state: 'JobComplete' })],
      nextRecordsUrl: '/services/data/v66.0/jobs/ingest?queryLocator=01gxx-1000',
    });
    mock.onGet(`${BASE}/jobs/ingest?queryLocator=01gxx-1000`).replyOnce(200, page(listed(3)));
    expect((await lastValueFrom(createJob(ctx, INGEST))).id).toBe('7505f0000000003AAA');
  });

  it.each([
    ['another object', { object: 'Contact' }],
    ['another operation', { operation: 'insert' }],
    ['another external id field', { externalIdFieldName: 'Other__c' }],
    ['another line ending', { lineEnding: 'CRLF' }],
    ['a job no longer Open', { state: 'UploadComplete' }],
    ['a job stamped ten minutes before the request', { createdDate: new Date(Date.now() - 600_000).toISOString() }],
    ['a job stamped ten minutes after the failure', { createdDate: new Date(Date.now() + 600_000).toISOString() }],
  ])('never adopts %s: it creates again', async (_name, fields) => {
    const { mock, ctx } = setup();
    mock.onPost(CREATE).replyOnce(503, '');
    mock.onGet(LIST).replyOnce(200, page(listed(1, fields)));
    mock.onPost(CREATE).replyOnce(200, listed(9));
    expect((await lastValueFrom(createJob(ctx, INGEST))).id).toBe('7505f0000000009AAA');
    expect(posts(mock)).toBe(2);
  });

  it('once the user is known, never adopts a job of another user', async () => {
    const { mock, ctx } = setup();
    mock.onPost(CREATE).replyOnce(200, listed(1));
    await lastValueFrom(createJob(ctx, INGEST)); // learns the user from its job
    mock.onPost(CREATE).replyOnce(503, '');
    mock.onGet(LIST).replyOnce(200, page(listed(2, { createdById: '005xx000009ZZZZAAA' })));
    mock.onPost(CREATE).replyOnce(200, listed(3));
    expect((await lastValueFrom(createJob(ctx, INGEST))).id).toBe('7505f0000000003AAA');
  });

  it('never adopts a job the client already holds, and adopts each job once', async () => {
    const { mock, ctx } = setup();
    mock.onPost(CREATE).replyOnce(200, listed(1));
    await lastValueFrom(createJob(ctx, INGEST));
    mock.onPost(CREATE).replyOnce(503, '');
    mock.onGet(LIST).replyOnce(200, page(listed(1), listed(2)));
    expect((await lastValueFrom(createJob(ctx, INGEST))).id).toBe('7505f0000000002AAA');
    mock.onPost(CREATE).replyOnce(503, '');
    mock.onGet(LIST).replyOnce(200, page(listed(1), listed(2)));
    mock.onPost(CREATE).replyOnce(200, listed(4));
    expect((await lastValueFrom(createJob(ctx, INGEST))).id).toBe('7505f0000000004AAA');
  });

  it('places the window in server time, from the Date header of earlier answers', async () => {
    const { mock, ctx } = setup();
    const serverNow = Date.now() + 3_600_000; // the server's clock is an hour ahead
    const date = { date: new Date(serverNow).toUTCString() };
    mock.onPost(CREATE).replyOnce(503, '', date);
    mock
      .onGet(LIST)
      .replyOnce(200, page(listed(1), listed(2, { createdDate: new Date(serverNow).toISOString() })), date);
    expect((await lastValueFrom(createJob(ctx, INGEST))).id).toBe('7505f0000000002AAA');
  });

  it('does not look when the request certainly made nothing, or with retries off', async () => {
    const refused = setup();
    refused.mock.onPost(CREATE).replyOnce(400, [{ errorCode: 'INVALIDJOB', message: 'bad' }]);
    expect(await lastValueFrom(createJob(refused.ctx, INGEST)).catch((e: unknown) => e)).toBeInstanceOf(ApiError);
    const off = setup({ ...POLICY, maxRetries: 0 });
    off.mock.onPost(CREATE).replyOnce(503, '');
    expect(await lastValueFrom(createJob(off.ctx, INGEST)).catch((e: unknown) => e)).toBeInstanceOf(ServerError);
    expect([refused.mock, off.mock].every((m) => m.history.every((h) => h.method === 'post'))).toBe(true);
  });

  it('a failing search fails the creation with its error', async () => {
    const { mock, ctx } = setup();
    mock.onPost(CREATE).replyOnce(503, '');
    mock.onGet(LIST).reply(500, '');
    expect(await lastValueFrom(createJob(ctx, INGEST)).catch((e: unknown) => e)).toBeInstanceOf(ServerError);
    expect(posts(mock)).toBe(1);
  });

  it('adopts a running query job, never a finished one', async () => {
    const { mock, ctx } = setup();
    const query = (n: number, state: string) =>
      listed(n, { operation: 'query', externalIdFieldName: undefined, state });
    mock.onPost(QUERY_CREATE).replyOnce(503, '');
    mock.onGet(QUERY_LIST).replyOnce(200, page(query(1, 'JobComplete'), query(2, 'InProgress')));
    expect((await lastValueFrom(createJob(ctx, QUERY))).id).toBe('7505f0000000002AAA');
  });

  it('adopts no query job when another query of this client on the object failed ambiguously in the window', async () => {
    const { api, mock, ctx, registry } = setup();
    registry.noteAmbiguousQuery(
      {
        origin: new URL(INSTANCE).origin,
        object: 'Account',
        operation: 'query',
        soql: 'SELECT Name FROM Account',
        window: { from: 0, to: Date.now() + 600_000 },
      },
      api.scheduler.now(),
    );
    mock.onPost(QUERY_CREATE).replyOnce(503, '');
    mock.onPost(QUERY_CREATE).replyOnce(200, listed(5, { operation: 'query', state: 'UploadComplete' }));
    expect((await lastValueFrom(createJob(ctx, QUERY))).id).toBe('7505f0000000005AAA');
    // it did not even list: no job could be told apart
    expect(mock.history.filter((h) => h.method === 'get')).toHaveLength(0);
  });
});

describe('CreateGate', () => {
  it('runs creations together, a search alone after them, and holds later creations back', () => {
    const gate = new CreateGate();
    const order: string[] = [];
    const a = new Subject<string>();
    const b = new Subject<string>();
    const started = (name: string, work: Subject<string>) => defer(() => (order.push(`${name} started`), work));
    gate.run('shared', started('a', a)).subscribe({ complete: () => order.push('a done') });
    gate.run('shared', started('b', b)).subscribe({ complete: () => order.push('b done') });
    const search = new Subject<string>();
    gate.run('exclusive', started('search', search)).subscribe({ complete: () => order.push('search done') });
    gate.run('shared', started('c', new Subject<string>())).subscribe();
    expect(gate.load).toEqual({ shared: 2, exclusive: false, waiting: 2 });
    a.complete();
    expect(order).toEqual(['a started', 'b started', 'a done']);
    b.complete();
    // the gate is freed before the completion travels on
    expect(order.slice(3)).toEqual(['search started', 'b done']);
    expect(gate.load).toEqual({ shared: 0, exclusive: true, waiting: 1 });
    search.complete();
    expect(order.slice(5)).toEqual(['c started', 'search done']);
    expect(gate.load).toEqual({ shared: 1, exclusive: false, waiting: 0 });
  });

  it('frees its place on error and on unsubscribe, admitted or still waiting', () => {
    const gate = new CreateGate();
    const held = gate.run('shared', NEVER).subscribe();
    const waiting = gate.run('exclusive', of(1)).subscribe();
    waiting.unsubscribe();
    held.unsubscribe();
    gate
      .run(
        'shared',
        throwError(() => new Error('x')),
      )
      .subscribe({ error: () => undefined });
    expect(gate.load).toEqual({ shared: 0, exclusive: false, waiting: 0 });
  });
});
