import fc from 'fast-check';
import { lastValueFrom, type Observable } from 'rxjs';
import { toResult } from '../../../operators/to-result.js';
import { AccessTokenAuthenticator } from '../../../src/auth/access-token.js';
import { ValidationError } from '../../../src/errors/validation-error.js';
import { ApiClient } from '../../../src/http/api-client.js';
import { axiosTransport } from '../../../src/http/axios-transport.js';
import {
  deleteIngestJob,
  getIngestJob,
  getIngestResults,
  patchIngestJob,
  uploadJobData,
} from '../../../src/api/ingest-api.js';
import {
  abortQueryJob,
  deleteQueryJob,
  getQueryJob,
  getQueryResultsPage,
  getResultPages,
} from '../../../src/api/query-api.js';
import { checkFieldName, checkObjectName } from '../../../src/operations/shared/api-names.js';
import axios from 'axios';
import MockAdapter from 'axios-mock-adapter';
import { INSTANCE, mockClient, TOKEN } from '../../support/mock-salesforce.js';
import { nothingSent, pathBreaking } from './hostile-arbitraries.js';

/** What may go into a URL path segment without escaping: an API name or an id. */
const SAFE_SEGMENT = /^[A-Za-z0-9_]+$/;

function apiWithMock(): { api: ApiClient; mock: MockAdapter } {
  const instance = axios.create();
  const mock = new MockAdapter(instance, { onNoMatch: 'throwException' });
  const api = new ApiClient({
    transport: axiosTransport({ instance }),
    auth: new AccessTokenAuthenticator({ instanceUrl: INSTANCE, accessToken: TOKEN }),
    apiVersion: '66.0',
    retryPolicy: { maxRetries: 0, initialDelayMs: 0, factor: 1, maxDelayMs: 0, jitter: 0 },
  });
  return { api, mock };
}

async function failure(op: Observable<unknown>): Promise<unknown> {
  return lastValueFrom(op).catch((e: unknown) => e);
}

describe('names and ids crafted to break paths', () => {
  it('an sObject or field name is either a plain API name or a ValidationError', () => {
    fc.assert(
      fc.property(
        fc.oneof(pathBreaking, fc.string(), fc.constantFrom('Account', 'My_Object__c', 'ns__Thing__c')),
        (name) => {
          for (const check of [checkObjectName, (n: string) => checkFieldName(n, 'externalIdField')]) {
            let accepted: string | undefined;
            try {
              accepted = check(name);
            } catch (error) {
              expect(error).toBeInstanceOf(ValidationError);
              continue;
            }
            expect(accepted).toMatch(SAFE_SEGMENT);
          }
        },
      ),
      { numRuns: 400 },
    );
  });

  it('every operation refuses a path-breaking sObject, external id field or record field before any request', async () => {
    await fc.assert(
      fc.asyncProperty(pathBreaking, fc.constantFrom('object', 'externalId', 'column'), async (bad, where) => {
        const { client, mock } = mockClient();
        const op =
          where === 'object'
            ? client.bulk.insert(bad, [{ Name: 'x' }])
            : where === 'externalId'
              ? client.bulk.upsert('Account', [{ Name: 'x', [bad]: 'k' }], bad)
              : client.bulk.insert('Account', [{ Name: 'x', [bad]: 'v' }]);
        expect(await lastValueFrom(op.pipe(toResult())).catch((e: unknown) => e)).toBeInstanceOf(ValidationError);
        expect(nothingSent(mock)).toBe(true);
      }),
      { numRuns: 120 },
    );
  });

  it('every job endpoint refuses a crafted job id before any request (ids come from callers and from responses)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(pathBreaking, fc.string({ maxLength: 20 })), async (id) => {
        fc.pre(!/^[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?$/.test(id));
        const { api, mock } = apiWithMock();
        const job = { id, apiVersion: 66 };
        const calls: Observable<unknown>[] = [
          getIngestJob(api, id),
          patchIngestJob(api, id, 'Aborted'),
          uploadJobData(api, id, 'Name\nx\n'),
          deleteIngestJob(api, id),
          getIngestResults(api, job, 'success'),
          getQueryJob(api, id),
          abortQueryJob(api, id),
          deleteQueryJob(api, id),
          getQueryResultsPage(api, job, {}),
          getResultPages(api, job),
        ];
        for (const call of calls) expect(await failure(call)).toBeInstanceOf(ValidationError);
        expect(nothingSent(mock)).toBe(true);
      }),
      { numRuns: 80 },
    );
  });

  it('a link to another host in a response is refused, the token never leaves the instance', async () => {
    const { api, mock } = apiWithMock();
    const error = await failure(
      getQueryResultsPage(
        api,
        { id: '7505fEXAMPLE4C2AAM', apiVersion: 66 },
        { url: 'https://evil.example.com/services/data/v66.0/jobs/query/x/results' },
      ),
    );
    expect((error as Error).message).toContain('another host');
    expect(nothingSent(mock)).toBe(true);
  });
});
