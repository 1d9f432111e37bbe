import fc from 'fast-check';
import { parseSoql, quoteSoqlString, runSoql, SoqlError, type SoqlRow } from '../../../../src/testing/soql/index.js';
import { resolvePath } from './soql-fixtures.js';

// Fixed seed: the properties are deterministic run to run.
const params = { seed: 20240515, numRuns: 300 };

describe('SOQL properties', () => {
  it('round-trips any string through a quoted literal in WHERE', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (text) => {
        const where = parseSoql(`SELECT Id FROM Account WHERE Name = ${quoteSoqlString(text)}`).where;
        expect(where).toEqual({
          kind: 'comparison',
          field: 'Name',
          operator: '=',
          value: { kind: 'string', value: text },
        });
      }),
      params,
    );
  });

  it('matches = exactly when the texts are equal ignoring case (empty meaning null)', () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'A', 'b', "'", '\\', '%', '_', '\n'), maxLength: 4 });
    fc.assert(
      fc.property(text, text, (literal, stored) => {
        const query = parseSoql(`SELECT Id FROM T WHERE Name = ${quoteSoqlString(literal)}`);
        const matched = runSoql(query, [{ Id: 'x', Name: stored }], resolvePath).length === 1;
        expect(matched).toBe(literal.toLowerCase() === stored.toLowerCase());
      }),
      params,
    );
  });

  it('makes an escaped LIKE pattern match its own text, inside any surroundings with %', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 20 }),
        fc.string({ maxLength: 5 }),
        fc.string({ maxLength: 5 }),
        (text, before, after) => {
          const pattern = quoteSoqlString(text, { escapeWildcards: true });
          const exact = parseSoql(`SELECT Id FROM T WHERE Name LIKE ${pattern}`);
          expect(runSoql(exact, [{ Id: 'x', Name: text }], resolvePath)).toHaveLength(1);
          const inner = parseSoql(`SELECT Id FROM T WHERE Name LIKE '%${pattern.slice(1, -1)}%'`);
          expect(runSoql(inner, [{ Id: 'x', Name: before + text + after }], resolvePath)).toHaveLength(1);
        },
      ),
      params,
    );
  });

  it('orders numbers with nulls placed as asked, and LIMIT takes a prefix', () => {
    const rowsArb = fc.array(fc.option(fc.integer({ min: -50, max: 50 }), { nil: null }), { maxLength: 30 });
    fc.assert(
      fc.property(
        rowsArb,
        fc.constantFrom('ASC', 'DESC'),
        fc.constantFrom('FIRST', 'LAST'),
        fc.nat(35),
        (values, direction, nulls, limit) => {
          const rows: SoqlRow[] = values.map((n, i) => ({ Id: `r${i}`, N: n }));
          const soql = `SELECT Id, N FROM T ORDER BY N ${direction} NULLS ${nulls}`;
          const all = runSoql(parseSoql(soql), rows, resolvePath).map((r) => r.N as number | null);
          const nonNull = values
            .filter((v): v is number => v !== null)
            .sort((a, b) => (direction === 'ASC' ? a - b : b - a));
          const nullBlock = values.filter((v) => v === null);
          expect(all).toEqual(nulls === 'FIRST' ? [...nullBlock, ...nonNull] : [...nonNull, ...nullBlock]);
          const limited = runSoql(parseSoql(`${soql} LIMIT ${limit}`), rows, resolvePath).map((r) => r.N);
          expect(limited).toEqual(all.slice(0, limit));
        },
      ),
      params,
    );
  });

  it('either parses or throws a SoqlError, whatever the input', () => {
    const word = fc.constantFrom(
      'SELECT',
      'FROM',
      'WHERE',
      'AND',
      'OR',
      'NOT',
      'IN',
      'LIKE',
      'ORDER',
      'BY',
      'LIMIT',
      'NULLS',
      'FIRST',
      'Id',
      'Name',
      'Account',
      '.',
      ',',
      '(',
      ')',
      '=',
      '!=',
      '<',
      "'x'",
      "'",
      '5',
      '-1',
      '2024-01-01',
      'TODAY',
      ':',
      'NULL',
    );
    const soup = fc.array(word, { maxLength: 14 }).map((words) => words.join(' '));
    fc.assert(
      fc.property(fc.oneof(soup, fc.string({ unit: 'binary', maxLength: 60 })), (text) => {
        try {
          const query = parseSoql(text);
          expect(query.fields.length).toBeGreaterThan(0);
        } catch (error) {
          expect(error).toBeInstanceOf(SoqlError);
        }
      }),
      { ...params, numRuns: 1000 },
    );
  });
});
