import { ingestJobInfoSchema, queryJobInfoSchema } from '../../../src/schemas/job-info.js';
import { checkSchema } from '../../../src/schemas/check-schema.js';

const base = { id: '7501x000000001AAA', operation: 'insert', object: 'Account', state: 'Open' };

describe('job info schema', () => {
  it.each([
    ['LF', 'PIPE', 'LF', 'PIPE'],
    ['CR', 'SPACE', undefined, undefined],
    [null, null, undefined, undefined],
    [42, { delimiter: ',' }, undefined, undefined],
    [undefined, undefined, undefined, undefined],
  ])(
    'lineEnding %j and columnDelimiter %j read as %j and %j (an unknown value is absent, not an error)',
    (lineEnding, columnDelimiter, expectedEnding, expectedDelimiter) => {
      for (const schema of [ingestJobInfoSchema, queryJobInfoSchema]) {
        const result = checkSchema(schema, { ...base, lineEnding, columnDelimiter });
        expect(result.success).toBe(true);
        expect(result.data?.lineEnding).toBe(expectedEnding);
        expect(result.data?.columnDelimiter).toBe(expectedDelimiter);
      }
    },
  );

  it('tolerates counts and the API version as numeric strings, and null optional fields', () => {
    const result = checkSchema(ingestJobInfoSchema, {
      ...base,
      apiVersion: '66.0',
      numberRecordsProcessed: '12',
      numberRecordsFailed: 0,
      errorMessage: null,
      extra: 'kept',
    });
    expect(result.data).toMatchObject({
      apiVersion: 66,
      numberRecordsProcessed: 12,
      numberRecordsFailed: 0,
      errorMessage: undefined,
      extra: 'kept',
    });
  });

  it('refuses a job without an id or with a state it does not know, with English messages', () => {
    const result = checkSchema(ingestJobInfoSchema, { ...base, id: '', state: 'Sleeping', retries: -1 });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['id', 'Too small: expected string to have >=1 characters'],
      [
        'state',
        'Invalid option: expected one of "Open"|"UploadComplete"|"InProgress"|"JobComplete"|"Failed"|"Aborted"',
      ],
      ['retries', 'Too small: expected number to be >=0'],
    ]);
  });
});
