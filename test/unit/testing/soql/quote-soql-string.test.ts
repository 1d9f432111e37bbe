import { quoteSoqlString } from '../../../../src/testing/soql/index.js';

describe('quoteSoqlString', () => {
  it.each([
    ['Acme', "'Acme'"],
    ["O'Brien", "'O\\'Brien'"],
    ['C:\\temp', "'C:\\\\temp'"],
    ['two\nlines\ttab', "'two\\nlines\\ttab'"],
    ['say "hi"', '\'say \\"hi\\"\''],
    ['50%_off', "'50%_off'"],
    ['', "''"],
  ])('quotes %j as %s', (value, expected) => {
    expect(quoteSoqlString(value)).toBe(expected);
  });

  it('escapes LIKE wildcards only when asked', () => {
    expect(quoteSoqlString('50%_off', { escapeWildcards: true })).toBe("'50\\%\\_off'");
  });
});
