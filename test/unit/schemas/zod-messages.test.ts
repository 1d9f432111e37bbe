import { lastValueFrom, toArray } from 'rxjs';
import * as zm from 'zod/mini';
import { fr } from 'zod/locales';
import { RowValidationError } from '../../../src/errors/row-validation-error.js';
import { ValidationError } from '../../../src/errors/validation-error.js';
import { resolveIngestOptions } from '../../../src/operations/ingest/ingest-options.js';
import { DEFAULT_POLL_POLICY } from '../../../src/poller/poll-policy.js';
import { mockClient } from '../../support/mock-salesforce.js';
import { mockQueryJob, pageHeaders, RESULTS, SOQL } from '../operations/query/query-mock.js';

// The SDK validates with zod/mini, which loads no locale: its messages are given English per
// parse, and a caller's schema keeps the caller's zod settings. This file imports no `zod`
// (classic), so zod's global configuration starts empty here, as in an app that uses zod/mini.

function invalidOptions(options: unknown): ValidationError {
  try {
    resolveIngestOptions(options, DEFAULT_POLL_POLICY);
  } catch (error) {
    if (error instanceof ValidationError) return error;
    throw error;
  }
  throw new Error('expected a ValidationError');
}

async function rowError(schema: zm.ZodMiniObject): Promise<RowValidationError> {
  const { client, mock } = mockClient();
  mockQueryJob(mock, ['JobComplete'], { numberRecordsProcessed: 1 });
  mock.onGet(RESULTS).replyOnce(200, '"Id","N"\n"a","many"\n', pageHeaders(null, 1));
  const error = await lastValueFrom(client.bulk.queryRecords(SOQL, { schema }).pipe(toArray())).catch(
    (e: unknown) => e,
  );
  if (error instanceof RowValidationError) return error;
  throw new Error(`expected a RowValidationError, got ${String(error)}`);
}

const rowSchema = zm.object({ Id: zm.string(), N: zm.number() });

afterEach(() => zm.config({ localeError: undefined, customError: undefined }));

describe('zod messages', () => {
  it('option errors are in English, with every issue and its field', () => {
    const error = invalidOptions({
      concurrency: 0,
      wait: 'yes',
      lineEnding: 'CR',
      maxBytesPerJob: 1000,
      maxRecordsPerJob: 1.5,
      bogus: 1,
    });
    expect(error.issues).toEqual([
      { field: 'wait', message: 'Invalid input: expected boolean, received string' },
      { field: 'lineEnding', message: 'Invalid option: expected one of "LF"|"CRLF"' },
      { field: 'maxBytesPerJob', message: 'Too small: expected number to be >=1024' },
      { field: 'maxRecordsPerJob', message: 'Invalid input: expected int, received number' },
      { field: 'concurrency', message: 'Too small: expected number to be >=1' },
      { field: 'bogus', message: 'unknown option bogus' },
    ]);
    expect(error.message).toBe(
      'Invalid options: wait: Invalid input: expected boolean, received string; lineEnding: Invalid option: expected one of "LF"|"CRLF"; maxBytesPerJob: Too small: expected number to be >=1024; maxRecordsPerJob: Invalid input: expected int, received number; concurrency: Too small: expected number to be >=1; bogus: unknown option bogus',
    );
  });

  it("option errors stay in English when the app set another locale, and the app's setting is untouched", () => {
    zm.config(fr());
    const french = fr().localeError;
    expect(invalidOptions({ concurrency: 0 }).issues).toEqual([
      { field: 'concurrency', message: 'Too small: expected number to be >=1' },
    ]);
    expect(zm.config().localeError).not.toBeUndefined();
    expect(rowSchema.safeParse({ Id: 'a', N: 'x' }).error?.issues[0]?.message).toBe(
      french({ code: 'invalid_type', expected: 'number', input: 'x', path: ['N'] } as never),
    );
  });

  it('a caller schema made with zod/mini reports English when the app set no locale', async () => {
    expect(zm.config().localeError).toBeUndefined();
    const error = await rowError(rowSchema);
    expect(error.rowIssues).toEqual([
      { path: ['N'], code: 'invalid_type', message: 'Invalid input: expected number, received string' },
    ]);
  });

  it("a caller schema keeps the app's locale or error map", async () => {
    zm.config(fr());
    const french = (await rowError(rowSchema)).rowIssues[0]!.message;
    expect(french).not.toBe('Invalid input: expected number, received string');
    expect(french).toMatch(/nombre/);
    zm.config({ customError: () => 'custom message' });
    expect((await rowError(rowSchema)).rowIssues[0]!.message).toBe('custom message');
  });
});
