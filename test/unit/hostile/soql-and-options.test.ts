import fc from 'fast-check';
import { lastValueFrom, toArray, type Observable } from 'rxjs';
import { toResult } from '../../../operators/to-result.js';
import { AccessTokenAuthenticator } from '../../../src/auth/access-token.js';
import { SalesforceClient } from '../../../src/client/salesforce-client.js';
import { ApiError } from '../../../src/errors/api-error.js';
import { ValidationError } from '../../../src/errors/validation-error.js';
import type { IngestOptions, QueryOptions } from '../../../src/index.js';
import { quoteSoqlString } from '../../../src/testing/soql/quote-soql-string.js';
import { startFixture, type EmulatorFixture } from '../../support/emulator-client.js';
import { BASE, mockClient } from '../../support/mock-salesforce.js';
import { hostileText, nothingSent } from './hostile-arbitraries.js';

describe('SOQL strings', () => {
  it('any non-blank SOQL text reaches the server exactly as written (JSON body), whatever it holds', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(hostileText, fc.string({ unit: 'binary' })), async (text) => {
        const soql = `SELECT Id FROM Account WHERE Name = '${text}'`;
        const { client, mock } = mockClient();
        let sent: unknown;
        mock.onPost(`${BASE}/jobs/query`).replyOnce((config) => {
          sent = JSON.parse(String(config.data)).query;
          return [400, [{ errorCode: 'MALFORMED_QUERY', message: 'unexpected token' }]];
        });
        const error = await lastValueFrom(client.bulk.query(soql).pipe(toResult())).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(ApiError);
        expect(sent).toBe(soql);
      }),
      { numRuns: 150 },
    );
  });

  it.each([[''], ['   '], ['\n\t'], [null], [undefined], [42], [{ toString: () => 'SELECT Id FROM Account' }]])(
    'refuses %p before any request',
    async (soql) => {
      const { client, mock } = mockClient();
      const ops: (() => Observable<unknown>)[] = [
        () => client.bulk.query(soql as string).pipe(toResult()),
        () => client.bulk.queryRecords(soql as string).pipe(toArray()),
      ];
      for (const op of ops) {
        expect(await lastValueFrom(op()).catch((e: unknown) => e)).toBeInstanceOf(ValidationError);
      }
      expect(() => client.bulk.queryCursor(soql as string)).toThrow(ValidationError);
      expect(nothingSent(mock)).toBe(true);
    },
  );

  describe('against the emulator', () => {
    let fx: EmulatorFixture;
    beforeAll(async () => (fx = await startFixture()));
    afterAll(async () => fx.close());

    it('a stored value with quotes, backslashes and line breaks is found by an escaped literal', async () => {
      await fc.assert(
        fc.asyncProperty(
          hostileText.filter((t) => t.trim() !== '' && t.length <= 255),
          async (name) => {
            fx.emulator.org.clear('Account');
            fx.emulator.org.insert('Account', [{ Name: name }, { Name: `${name}-other` }]);
            const rows = await lastValueFrom(
              fx.client.bulk
                .queryRecords(`SELECT Name FROM Account WHERE Name = ${quoteSoqlString(name)}`)
                .pipe(toArray()),
            );
            expect(rows).toEqual([{ Name: name }]);
          },
        ),
        { numRuns: 30 },
      );
    });
  });
});

describe('option objects of the wrong shape', () => {
  const anything = fc.anything({
    withBigInt: true,
    withDate: true,
    withMap: true,
    withSet: true,
    withTypedArray: true,
    withNullPrototype: true,
    withBoxedValues: true,
  });

  it('ingest and query options: accepted, or a ValidationError before any request (never a crash)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          anything,
          fc.dictionary(
            fc.constantFrom(
              'wait',
              'concurrency',
              'retryPolicy',
              'pollPolicy',
              'timeoutMinutes',
              'columnDelimiter',
              'resultRows',
              'maxRecords',
              'parallel',
              '__proto__',
              'constructor',
            ),
            anything,
          ),
        ),
        async (options) => {
          const { client, mock } = mockClient();
          // an accepted ingest goes on to create its job: the mock refuses it with a 400 we can tell apart
          mock.onPost(`${BASE}/jobs/ingest`).reply(400, [{ errorCode: 'INVALIDJOB', message: 'test stop' }]);
          mock.onPost(`${BASE}/jobs/query`).reply(400, [{ errorCode: 'INVALIDJOB', message: 'test stop' }]);
          const ingest = await lastValueFrom(
            client.bulk.insert('Account', [{ Name: 'x' }], options as IngestOptions).pipe(toResult()),
          ).catch((e: unknown) => e);
          const query = await lastValueFrom(
            client.bulk.query('SELECT Id FROM Account', options as QueryOptions).pipe(toResult()),
          ).catch((e: unknown) => e);
          for (const error of [ingest, query]) {
            if (error instanceof ValidationError) continue;
            expect(error).toBeInstanceOf(ApiError);
            expect((error as ApiError).errorCode).toBe('INVALIDJOB');
          }
          const refused = [ingest, query].filter((e) => e instanceof ValidationError).length;
          expect(mock.history.length).toBe(2 - refused);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('client options: accepted, or a ValidationError from the constructor', () => {
    fc.assert(
      fc.property(
        fc.dictionary(
          fc.constantFrom(
            'apiVersion',
            'retryPolicy',
            'pollPolicy',
            'transport',
            'scheduler',
            'logger',
            'callOptions',
            'minRemainingApiCalls',
            'extra',
          ),
          anything,
        ),
        (options) => {
          try {
            new SalesforceClient({
              auth: new AccessTokenAuthenticator({
                instanceUrl: 'https://acme.my.salesforce.com',
                accessToken: 'x'.repeat(20),
              }),
              ...options,
            } as never);
          } catch (error) {
            expect(error).toBeInstanceOf(ValidationError);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
