import { parseSoql, validateSoql } from '../../../../src/testing/soql/index.js';
import { fakeSchema, soqlErrorOf } from './soql-fixtures.js';

const check = (soql: string): void => validateSoql(parseSoql(soql), fakeSchema);
const failure = (soql: string) => soqlErrorOf(() => check(soql));

describe('validateSoql', () => {
  it('accepts known objects and fields in any case, including parent paths', () => {
    expect(() =>
      check(
        "select id, LASTNAME, account.name FROM contact WHERE Account.Industry IN ('Tech') AND BirthDate < TODAY ORDER BY account.Name",
      ),
    ).not.toThrow();
  });

  it('rejects an unknown object with INVALID_TYPE', () => {
    const error = failure('SELECT Id FROM Acount');
    expect(error.errorCode).toBe('INVALID_TYPE');
    expect(error.message).toMatch(/^sObject type 'Acount' is not supported\. /);
  });

  it.each([
    ['SELECT Id, Nmae FROM Account', 'Nmae'],
    ["SELECT Id FROM Account WHERE Nmae = 'x'", 'Nmae'],
    ["SELECT Id FROM Account WHERE Name = 'x' AND (Industry = 'a' OR NOT Indstry = 'b')", 'Indstry'],
    ["SELECT Id FROM Account WHERE Nmae IN ('x')", 'Nmae'],
    ['SELECT Id FROM Account ORDER BY Nmae', 'Nmae'],
    ['SELECT Id, Acount.Name FROM Contact', 'Acount.Name'],
  ])('%s → INVALID_FIELD for %s', (soql, field) => {
    const error = failure(soql);
    expect(error.errorCode).toBe('INVALID_FIELD');
    expect(error.message).toMatch(
      new RegExp(`^No such column '${field.replace('.', '\\.')}' on entity '(Account|Contact)'\\. `),
    );
  });

  it('checks the object before the fields', () => {
    expect(failure('SELECT Nmae FROM Acount').errorCode).toBe('INVALID_TYPE');
  });

  it.each([
    [
      "SELECT Id FROM Account WHERE IsActive__c = 'true'",
      "field 'IsActive__c' must be of type boolean and should not be enclosed in quotes",
    ],
    [
      "SELECT Id FROM Account WHERE AnnualRevenue > '5'",
      "field 'AnnualRevenue' must be of type double and should not be enclosed in quotes",
    ],
    ['SELECT Id FROM Account WHERE Name = 5', "field 'Name' must be of type string and should be enclosed in quotes"],
    ['SELECT Id FROM Account WHERE Id IN (1, 2)', "field 'Id' must be of type id and should be enclosed in quotes"],
    ['SELECT Id FROM Account WHERE Founded__c = 2024-01-01T00:00:00Z', "field 'Founded__c' must be of type date"],
    ['SELECT Id FROM Account WHERE CreatedDate > 2024-01-01', "field 'CreatedDate' must be of type dateTime"],
    [
      "SELECT Id FROM Account WHERE CreatedDate > '2024-01-01T00:00:00Z'",
      "field 'CreatedDate' must be of type dateTime and should not be enclosed in quotes",
    ],
    ['SELECT Id FROM Account WHERE AnnualRevenue = TRUE', "field 'AnnualRevenue' must be of type double"],
  ])('%s → INVALID_FIELD type error', (soql, fragment) => {
    const error = failure(soql);
    expect(error.errorCode).toBe('INVALID_FIELD');
    expect(error.message).toBe(`value of filter criterion for ${fragment}`);
  });

  it('rejects LIKE on a non-text field', () => {
    const error = failure("SELECT Id FROM Account WHERE Id LIKE '001%'");
    expect(error.errorCode).toBe('INVALID_FIELD');
    expect(error.message).toMatch(/^invalid operator on id field 'Id'/);
  });

  it.each([
    'SELECT Id FROM Account WHERE IsActive__c = null AND AnnualRevenue != NULL',
    'SELECT Id FROM Account WHERE Founded__c = LAST_N_DAYS:7 OR Founded__c > 2020-01-01',
    'SELECT Id FROM Account WHERE CreatedDate >= THIS_YEAR AND CreatedDate < 2030-01-01T00:00:00+01:00',
    "SELECT Id FROM Account WHERE OwnerId = '005000000000001AAA' AND IsActive__c = false",
    'SELECT Id FROM Account WHERE AnnualRevenue IN (1, -2.5, null)',
  ])('accepts well-typed literals: %s', (soql) => {
    expect(() => check(soql)).not.toThrow();
  });
});
