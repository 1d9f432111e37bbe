import axios, { type AxiosRequestConfig } from 'axios';
import MockAdapter from 'axios-mock-adapter';
import { AccessTokenAuthenticator } from '../../src/auth/access-token.js';
import { SalesforceClient } from '../../src/client/salesforce-client.js';
import type { SalesforceClientOptions } from '../../src/client/client-options.js';
import { axiosTransport } from '../../src/http/axios-transport.js';
import { fixedPolling } from '../../src/poller/poll-policy.js';

export const INSTANCE = 'https://acme.my.salesforce.com';
export const TOKEN = '00D000000000001!AQ8AQFakeTokenForTests1234567890';
export const BASE = `${INSTANCE}/services/data/v66.0`;
export const JOB_ID = '7505fEXAMPLE4C2AAM';

/** A client over axios-mock-adapter: every request must be mocked (onNoMatch throws). */
export function mockClient(options: Partial<SalesforceClientOptions> = {}): {
  client: SalesforceClient;
  mock: MockAdapter;
} {
  const instance = axios.create();
  const mock = new MockAdapter(instance, { onNoMatch: 'throwException' });
  const client = new SalesforceClient({
    auth: new AccessTokenAuthenticator({ instanceUrl: INSTANCE, accessToken: TOKEN }),
    transport: axiosTransport({ instance }),
    pollPolicy: fixedPolling(1),
    retryPolicy: { maxRetries: 0 },
    ...options,
  });
  return { client, mock };
}

/** Job info as Salesforce sends it. */
export function jobInfo(fields: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: JOB_ID,
    operation: 'insert',
    object: 'Account',
    createdById: '005xx000001X8UzAAK',
    createdDate: '2026-11-28T10:00:00.000+0000',
    systemModstamp: '2026-11-28T10:00:01.000+0000',
    state: 'Open',
    concurrencyMode: 'Parallel',
    contentType: 'CSV',
    apiVersion: 66.0,
    lineEnding: 'LF',
    columnDelimiter: 'COMMA',
    ...fields,
  };
}

/** The request log in a comparable form: method, path+query, body text. */
export async function requestLog(
  mock: MockAdapter,
): Promise<{ method: string; url: string; body: string | undefined; headers: Record<string, string> }[]> {
  const all = [...mock.history] as AxiosRequestConfig[];
  return Promise.all(
    all.map(async (config) => ({
      method: String(config.method).toUpperCase(),
      url: String(config.url).replace(INSTANCE, ''),
      body: await bodyText(config.data),
      headers: Object.fromEntries(Object.entries(config.headers ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)])),
    })),
  );
}

async function bodyText(data: unknown): Promise<string | undefined> {
  if (data === undefined || data === null) return undefined;
  if (typeof data === 'string') return data;
  if (data instanceof Blob) return data.text();
  return String(data);
}
