import fc from 'fast-check';
import { lastValueFrom, toArray } from 'rxjs';
import { toResult } from '../../../operators/to-result.js';
import { parseCsv } from '../../../src/csv/parse-csv.js';
import { recordsToCsv } from '../../../src/csv/records-to-csv.js';
import { ValidationError } from '../../../src/errors/validation-error.js';
import type { ColumnDelimiter, LineEnding } from '../../../src/models/job-state.js';
import type { QueryRecord } from '../../../src/models/bulk-query-result.js';
import { startFixture, type EmulatorFixture } from '../../support/emulator-client.js';
import { mockClient } from '../../support/mock-salesforce.js';
import { hostileText, longField, nothingSent, unstorableText } from './hostile-arbitraries.js';

const dialect = fc.record({
  columnDelimiter: fc.constantFrom<ColumnDelimiter>('BACKQUOTE', 'CARET', 'COMMA', 'PIPE', 'SEMICOLON', 'TAB'),
  lineEnding: fc.constantFrom<LineEnding>('LF', 'CRLF'),
});

const FORMULAS = ["=cmd|' /C calc'!A0", '=1+1', '+SUM(A1:A9)', '-1', '@A1', '\t=1', '\r=1'];

describe('hostile values: serialise → parse', () => {
  it('round-trips quotes, delimiters, CR/LF, formulas and 32 KB fields exactly, in every dialect', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ Note__c: hostileText, Body__c: fc.oneof(hostileText, longField) }), {
          minLength: 1,
          maxLength: 4,
        }),
        dialect,
        (rows, options) => {
          const parsed = parseCsv(recordsToCsv(rows, options), options);
          expect(parsed.rows).toEqual(rows);
        },
      ),
      { numRuns: 120 },
    );
  });

  it('writes formula-like values verbatim: Salesforce stores text, it does not evaluate it', () => {
    const csv = recordsToCsv(FORMULAS.map((f) => ({ Note__c: f })));
    expect(parseCsv(csv).rows.map((r) => r.Note__c)).toEqual(FORMULAS);
  });
});

describe('hostile values: NUL and lone surrogates are refused before any request', () => {
  it('names the record and the field; nothing is sent (arrays, nested relationship values, iterables)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(hostileText, { minLength: 1, maxLength: 6 }),
        fc.nat(),
        unstorableText,
        fc.constantFrom('array', 'nested', 'iterable'),
        async (texts, at, bad, shape) => {
          const { client, mock } = mockClient();
          const index = at % texts.length;
          const records = texts.map((text, i) =>
            i === index
              ? shape === 'nested'
                ? { Name: 'x', Parent: { Name: bad } }
                : { Name: 'x', Description: bad }
              : { Name: 'x', Description: text },
          );
          const field = shape === 'nested' ? 'Parent.Name' : 'Description';
          const input =
            shape === 'iterable'
              ? (function* () {
                  yield* records;
                })()
              : records;
          const error = await lastValueFrom(client.bulk.insert('Account', input).pipe(toResult())).catch(
            (e: unknown) => e,
          );
          expect(error).toBeInstanceOf(ValidationError);
          expect((error as ValidationError).index).toBe(index);
          expect((error as ValidationError).field).toBe(field);
          expect((error as ValidationError).message).toMatch(/NUL|surrogate/);
          // the value (maybe personal data) is never quoted in the message
          if (bad.length > 3) expect((error as ValidationError).message).not.toContain(bad);
          expect(nothingSent(mock)).toBe(true);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('refuses them in the CSV layer too (recordsToCsv)', () => {
    expect(() => recordsToCsv([{ A: 'ok' }, { A: 'a\0b' }])).toThrow(/Field "A" of record 1 contains a NUL/);
    expect(() => recordsToCsv([{ A: 'x\uD83D' }])).toThrow(/Field "A" of record 0 contains a lone UTF-16 surrogate/);
    // a proper pair is fine
    expect(recordsToCsv([{ A: '\uD83D\uDE00' }])).toBe('A\n😀\n');
  });
});

describe('hostile values: serialise → emulator → query back', () => {
  let fx: EmulatorFixture;
  beforeAll(async () => {
    fx = await startFixture({
      schema: {
        Hostile__c: {
          fields: [
            { name: 'Key__c', type: 'string', maxLength: 40, externalId: true },
            { name: 'Note__c', type: 'textarea', maxLength: 131_072 },
            { name: 'Body__c', type: 'textarea', maxLength: 131_072 },
          ],
        },
      },
    });
  });
  afterAll(async () => fx.close());

  it('stores and reads back exactly what was sent (quotes, delimiters, CR/LF, formulas, 32 KB)', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({ Note__c: hostileText, Body__c: fc.oneof(hostileText, longField, fc.constantFrom(...FORMULAS)) }),
          { minLength: 1, maxLength: 5 },
        ),
        dialect,
        async (rows, options) => {
          fx.emulator.org.clear('Hostile__c');
          run += 1;
          const input = rows.map((row, i) => ({ Key__c: `k${run}-${i}`, ...row }));
          const result = await lastValueFrom(fx.client.bulk.insert('Hostile__c', input, options).pipe(toResult()));
          expect(result.failedRecords.map((r) => r.error.message)).toEqual([]);
          const back = await lastValueFrom(
            fx.client.bulk.queryRecords('SELECT Key__c, Note__c, Body__c FROM Hostile__c', options).pipe(toArray()),
          );
          const byKey = new Map(back.map((row: QueryRecord) => [row.Key__c, row]));
          for (const row of input) expect(byKey.get(row.Key__c)).toEqual(row);
        },
      ),
      { numRuns: 25 },
    );
  });
});
