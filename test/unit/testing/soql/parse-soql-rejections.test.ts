import { parseSoql, SoqlErrorCode } from '../../../../src/testing/soql/index.js';
import { soqlErrorOf } from './soql-fixtures.js';

const reject = (soql: string) => soqlErrorOf(() => parseSoql(soql));

describe('parseSoql: syntax errors are MALFORMED_QUERY in Salesforce wording', () => {
  it('names the unexpected token and where it is', () => {
    const error = reject('SELEKT Id FROM Account');
    expect(error.errorCode).toBe('MALFORMED_QUERY');
    expect(error.message).toBe('unexpected token: SELEKT');
    expect(error.location).toEqual({ row: 1, column: 1 });
  });

  it('reports the row and column of a token on a later line', () => {
    const error = reject('SELECT Id\nFROM Account\n  WHERE Name == 1');
    expect(error.message).toBe('unexpected token: =');
    expect(error.location).toEqual({ row: 3, column: 15 });
  });

  it.each([
    ['', 'unexpected token: <EOF>'],
    ['SELECT FROM Account', 'unexpected token: FROM'],
    ['SELECT Id, FROM Account', 'unexpected token: FROM'],
    ['SELECT Id Name FROM Account', 'unexpected token: Name'],
    ['SELECT Id FROM', 'unexpected token: <EOF>'],
    ['SELECT Id FROM Account WHERE', 'unexpected token: <EOF>'],
    ["SELECT Id FROM Account WHERE Name = 'a' extra", 'unexpected token: extra'],
    ['SELECT Id FROM Account WHERE Name = BOGUS', 'unexpected token: BOGUS'],
    ["SELECT Id FROM Account WHERE Name NOT LIKE 'a'", 'unexpected token: LIKE'],
    ['SELECT Id FROM Account WHERE Name LIKE 5', 'unexpected token: 5'],
    ['SELECT Id FROM Account WHERE Name IN ()', 'unexpected token: )'],
    ["SELECT Id FROM Account WHERE (Name = 'a'", 'unexpected token: <EOF>'],
    ['SELECT Id FROM Account LIMIT 1.5', 'unexpected token: 1.5'],
    ['SELECT Id FROM Account LIMIT -1', 'unexpected token: -1'],
    ['SELECT Id FROM Account LIMIT 5 ORDER BY Id', 'unexpected token: ORDER'],
    ['SELECT Id FROM Account ORDER Id', 'unexpected token: Id'],
    ['SELECT Id FROM Account ORDER BY Id NULLS', 'unexpected token: <EOF>'],
    ['SELECT Id FROM Account WHERE CreatedDate > LAST_N_DAYS', 'unexpected token: <EOF>'],
    ['SELECT Id FROM Account WHERE CreatedDate > LAST_N_DAYS:-2', 'unexpected token: -2'],
    ['SELECT Id FROM Account WHERE N = 5abc', 'unexpected token: abc'],
    ['SELECT Id FROM Account WHERE Name = "x"', 'unexpected token: "'],
    ['SELECT Id; FROM Account', 'unexpected token: ;'],
    ['SELECT Id, id FROM Account', 'duplicate field selected: id'],
  ])('%j → %s', (soql, message) => {
    const error = reject(soql);
    expect(error.errorCode).toBe(SoqlErrorCode.MALFORMED_QUERY);
    expect(error.message).toBe(message);
  });

  it('rejects impossible dates and zone-less date-times', () => {
    expect(reject('SELECT Id FROM Account WHERE D = 2024-02-30').message).toBe(
      'invalid date or dateTime literal: 2024-02-30',
    );
    expect(reject('SELECT Id FROM Account WHERE D = 2024-01-31T10:00:00').errorCode).toBe('MALFORMED_QUERY');
    expect(reject('SELECT Id FROM Account WHERE D = 2024-01-31T25:00:00Z').errorCode).toBe('MALFORMED_QUERY');
  });

  it('rejects bad string escapes and unterminated strings', () => {
    expect(reject("SELECT Id FROM Account WHERE Name = 'a\\qb'").message).toBe(
      "Invalid string literal 'a\\qb'. Illegal character sequence '\\q' in string literal.",
    );
    expect(reject("SELECT Id FROM Account WHERE Name = 'abc").message).toMatch(/^unterminated string literal/);
    expect(reject("SELECT Id FROM Account WHERE Name = 'abc\\").errorCode).toBe('MALFORMED_QUERY');
  });
});

describe('parseSoql: mixing AND and OR needs parentheses', () => {
  it.each([
    ["SELECT Id FROM Account WHERE Name = 'a' AND Industry = 'b' OR Industry = 'c'", 'OR'],
    ["SELECT Id FROM Account WHERE Name = 'a' OR Industry = 'b' AND Industry = 'c'", 'AND'],
    ["SELECT Id FROM Account WHERE (Name = 'a' OR Name = 'b' AND Name = 'c')", 'AND'],
  ])('%s fails at %s', (soql, token) => {
    const error = reject(soql);
    expect(error.errorCode).toBe('MALFORMED_QUERY');
    expect(error.message).toBe(`unexpected token: ${token}`);
  });

  it('accepts the same conditions once parenthesised', () => {
    expect(() =>
      parseSoql("SELECT Id FROM Account WHERE (Name = 'a' AND Industry = 'b') OR Industry = 'c'"),
    ).not.toThrow();
    expect(() =>
      parseSoql("SELECT Id FROM Account WHERE Name = 'a' AND (Industry = 'b' OR Industry = 'c')"),
    ).not.toThrow();
  });
});

describe('parseSoql: clauses Bulk API 2.0 refuses', () => {
  it.each([
    ['SELECT Name FROM Account GROUP BY Name', 'GROUP BY not supported in Bulk V2 Query'],
    ['SELECT Name FROM Account WHERE Name != null group by Name', 'GROUP BY not supported in Bulk V2 Query'],
    ['SELECT Id FROM Account LIMIT 10 OFFSET 5', 'OFFSET not supported in Bulk V2 Query'],
    ['SELECT Id FROM Account ORDER BY Id OFFSET 5', 'OFFSET not supported in Bulk V2 Query'],
    ['SELECT COUNT() FROM Account', 'Aggregate functions not supported in Bulk V2 Query'],
    ['SELECT Industry, sum(AnnualRevenue) FROM Account', 'Aggregate functions not supported in Bulk V2 Query'],
    ['SELECT Id, MAX(CreatedDate) FROM Account', 'Aggregate functions not supported in Bulk V2 Query'],
    [
      'SELECT Id, (SELECT LastName FROM Contacts) FROM Account',
      'Aggregate Relationships not supported in Bulk V2 Query with CSV content type',
    ],
    ['SELECT TYPEOF What WHEN Account THEN Name END FROM Event', 'TYPEOF not supported in Bulk V2 Query'],
  ])('%s', (soql, message) => {
    const error = reject(soql);
    expect(error.errorCode).toBe(SoqlErrorCode.FEATURE_NOT_ENABLED);
    expect(error.errorCode).toBe('FeatureNotEnabled');
    expect(error.message).toBe(message);
  });
});

describe('parseSoql: valid SOQL the emulator does not evaluate', () => {
  it.each([
    'SELECT Id FROM Contact WHERE AccountId IN (SELECT Id FROM Account)',
    'SELECT Id FROM Account WHERE CALENDAR_YEAR(CreatedDate) = 2024',
    'SELECT toLabel(Industry) FROM Account',
  ])('%s → EMULATOR_UNSUPPORTED', (soql) => {
    const error = reject(soql);
    expect(error.errorCode).toBe('EMULATOR_UNSUPPORTED');
    expect(error.message).toMatch(/not supported by the kinetic-core Bulk API emulator$/);
  });
});
