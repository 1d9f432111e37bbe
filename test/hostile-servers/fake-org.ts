import type { ServerResponse } from 'node:http';
import { AccessTokenAuthenticator } from '../../src/auth/access-token.js';
import type { Authenticator } from '../../src/auth/authenticator.js';
import { SalesforceClient } from '../../src/client/salesforce-client.js';
import type { SalesforceClientOptions } from '../../src/client/client-options.js';
import { ApiClient } from '../../src/http/api-client.js';
import { axiosTransport } from '../../src/http/axios-transport.js';
import { DEFAULT_REQUEST_LIMITS, mergeRequestLimits, type RequestLimits } from '../../src/http/request-limits.js';
import { DEFAULT_RETRY_POLICY, mergeRetryPolicy, type RetryPolicy } from '../../src/http/retry-policy.js';
import type { Transport } from '../../src/http/transport.js';
import { fixedPolling } from '../../src/poller/poll-policy.js';
import { csv, json, type Handler, type HostileServer, type SeenRequest } from './hostile-server.js';

export const JOB_ID = '750xx0000000001AAA';
export const OTHER_JOB_ID = '750xx0000000999AAA';
export const ACCESS_TOKEN = '00Dxx0000000001!AQ4AQHostileServerAccessToken0123456789';
export const DATA = '/services/data/v66.0';

/** Job info as Salesforce answers it. */
export function jobInfo(
  kind: 'ingest' | 'query',
  state: string,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    id: JOB_ID,
    operation: kind === 'ingest' ? 'insert' : 'query',
    object: 'Account',
    createdById: '005xx0000000001AAA',
    createdDate: '2026-01-01T00:00:00.000+0000',
    systemModstamp: '2026-01-01T00:00:00.000+0000',
    state,
    concurrencyMode: 'Parallel',
    contentType: 'CSV',
    apiVersion: 66.0,
    jobType: kind === 'ingest' ? 'V2Ingest' : 'V2Query',
    lineEnding: 'LF',
    columnDelimiter: 'COMMA',
    numberRecordsProcessed: state === 'JobComplete' ? 1 : 0,
    numberRecordsFailed: 0,
    ...overrides,
  };
}

/** The steps of a one-record insert and of a query, each answered correctly unless overridden. */
export type Step =
  | 'ingest.create'
  | 'ingest.upload'
  | 'ingest.close'
  | 'ingest.get'
  | 'ingest.successfulResults'
  | 'ingest.failedResults'
  | 'ingest.unprocessedrecords'
  | 'query.create'
  | 'query.get'
  | 'query.results'
  | 'other';

/** Which step a request is. */
export function stepOf(request: SeenRequest): Step {
  const path = request.path.split('?')[0] ?? '';
  const ingest = /\/jobs\/ingest(?:\/([^/]+))?(?:\/([^/]+))?$/.exec(path);
  if (ingest) {
    const [, id, sub] = ingest;
    if (!id) return request.method === 'POST' ? 'ingest.create' : 'other';
    if (sub === 'batches') return 'ingest.upload';
    if (sub === 'successfulResults' || sub === 'failedResults' || sub === 'unprocessedrecords') return `ingest.${sub}`;
    return request.method === 'PATCH' ? 'ingest.close' : request.method === 'GET' ? 'ingest.get' : 'other';
  }
  const query = /\/jobs\/query(?:\/([^/]+))?(?:\/([^/]+))?$/.exec(path);
  if (query) {
    const [, id, sub] = query;
    if (!id) return request.method === 'POST' ? 'query.create' : 'other';
    if (sub === 'results') return 'query.results';
    return request.method === 'GET' ? 'query.get' : 'other';
  }
  return 'other';
}

/** The right answer to each step of a one-record insert (`Name` = `Acme`) and of a query returning one row. */
export function answerCorrectly(request: SeenRequest, res: ServerResponse): void {
  switch (stepOf(request)) {
    case 'ingest.create':
      return json(res, 200, jobInfo('ingest', 'Open'));
    case 'ingest.upload':
      res.writeHead(201).end();
      return;
    case 'ingest.close':
      return json(res, 200, jobInfo('ingest', 'UploadComplete'));
    case 'ingest.get':
      return json(res, 200, jobInfo('ingest', 'JobComplete'));
    case 'ingest.successfulResults':
      return csv(res, 200, '"sf__Id","sf__Created","Name"\n"001xx0000000001AAA","true","Acme"\n');
    case 'ingest.failedResults':
      return csv(res, 200, '"sf__Id","sf__Error","Name"\n');
    case 'ingest.unprocessedrecords':
      return csv(res, 200, '"Name"\n');
    case 'query.create':
      return json(res, 200, jobInfo('query', 'UploadComplete'));
    case 'query.get':
      return json(res, 200, jobInfo('query', 'JobComplete'));
    case 'query.results':
      return csv(res, 200, '"Id","Name"\n"001xx0000000001AAA","Acme"\n', {
        'Sforce-Locator': 'null',
        'Sforce-NumberOfRecords': '1',
      });
    case 'other':
      json(res, 404, [{ errorCode: 'NOT_FOUND', message: 'no such resource' }]);
  }
}

/** A handler that answers every step correctly except those `attacks` take over. */
export function org(attacks: Partial<Record<Step, Handler>>): Handler {
  return (request, res, server, raw) => {
    const attack = attacks[stepOf(request)];
    if (attack) attack(request, res, server, raw);
    else answerCorrectly(request, res);
  };
}

/** Small limits, so each attack is over in a fraction of a second. */
export const TEST_LIMITS: Partial<RequestLimits> = { idleTimeoutMs: 300, maxJsonBytes: 64 * 1024 };

/** An SDK client with an access token on the server, no retries, quick polling and the test limits. */
export function clientFor(
  server: HostileServer,
  options: Partial<SalesforceClientOptions> = {},
  auth: Authenticator = new AccessTokenAuthenticator({ instanceUrl: server.url, accessToken: ACCESS_TOKEN }),
): SalesforceClient {
  return new SalesforceClient({
    auth,
    pollPolicy: fixedPolling(10),
    retryPolicy: { maxRetries: 0 },
    requestLimits: TEST_LIMITS,
    ...options,
  });
}

/** The HTTP layer alone (what the REST wrappers of src/jobs call), over the default axios transport. */
export function apiFor(
  server: HostileServer,
  limits: Partial<RequestLimits> = {},
  retry: Partial<RetryPolicy> = { maxRetries: 0 },
  transport: Transport = axiosTransport(),
): ApiClient {
  return new ApiClient({
    transport,
    auth: new AccessTokenAuthenticator({ instanceUrl: server.url, accessToken: ACCESS_TOKEN }),
    apiVersion: '66.0',
    requestLimits: mergeRequestLimits(DEFAULT_REQUEST_LIMITS, { ...TEST_LIMITS, ...limits }),
    retryPolicy: mergeRetryPolicy(DEFAULT_RETRY_POLICY, { initialDelayMs: 10, jitter: 0, ...retry }),
  });
}

/** The error an observable or promise fails with (a test failure when it succeeds). */
export async function failureOf(run: Promise<unknown>): Promise<unknown> {
  return run.then(
    () => {
      throw new Error('expected a failure');
    },
    (error: unknown) => error,
  );
}

/** Reads a byte stream to its end, returning the byte count (or throwing what the read threw). */
export async function drain(body: AsyncIterable<Uint8Array>): Promise<number> {
  let bytes = 0;
  for await (const chunk of body) bytes += chunk.byteLength;
  return bytes;
}
