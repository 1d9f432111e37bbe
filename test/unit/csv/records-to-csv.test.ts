import { ValidationError } from '../../../src/errors/validation-error.js';
import { recordsToCsv } from '../../../src/csv/records-to-csv.js';

describe('recordsToCsv', () => {
  it('writes a header and one row per record, each ended by the line ending', () => {
    expect(
      recordsToCsv([
        { Name: 'Acme', Phone: '555' },
        { Name: 'Beta', Phone: '556' },
      ]),
    ).toBe('Name,Phone\nAcme,555\nBeta,556\n');
  });

  it('takes the header from ALL records in first-seen order, leaving missing cells empty', () => {
    const csv = recordsToCsv([{ Name: 'a' }, { Phone: '1', Name: 'b' }, { Fax: '2' }]);
    expect(csv).toBe('Name,Phone,Fax\na,,\nb,1,\n,,2\n');
  });

  it('applies the Salesforce value rules', () => {
    const csv = recordsToCsv([
      { Name: null, Phone: undefined, Active__c: true, Count__c: 1e21, When__c: new Date(Date.UTC(2020, 1, 3)) },
    ]);
    expect(csv).toBe(
      'Name,Phone,Active__c,Count__c,When__c\n#N/A,,true,1000000000000000000000,2020-02-03T00:00:00.000Z\n',
    );
  });

  it('quotes values with the delimiter, quotes or line breaks and writes header names as given', () => {
    const csv = recordsToCsv([{ 'Lead:Who.Email': 'a,b', Note: 'say "hi"\r\nbye', name: ' x ' }]);
    expect(csv).toBe('Lead:Who.Email,Note,name\n"a,b","say ""hi""\r\nbye", x \n');
  });

  it('uses the job dialect', () => {
    const records = [{ A: 'x|y', B: 'x,y' }];
    expect(recordsToCsv(records, { columnDelimiter: 'PIPE', lineEnding: 'CRLF' })).toBe('A|B\r\n"x|y"|x,y\r\n');
    expect(recordsToCsv(records, { columnDelimiter: 'TAB' })).toBe('A\tB\nx|y\tx,y\n');
  });

  it('puts the given columns first and appends other keys', () => {
    expect(recordsToCsv([{ B: '2', C: '3' }], { columns: ['A', 'B'] })).toBe('A,B,C\n,2,3\n');
    expect(recordsToCsv([], { columns: ['Id'] })).toBe('Id\n');
    expect(() => recordsToCsv([], { columns: ['Id', 'Id'] })).toThrow(ValidationError);
  });

  it('gives an empty string for no records and never writes a blank row', () => {
    expect(recordsToCsv([])).toBe('');
    expect(recordsToCsv([{ Id: '' }, { Id: undefined }])).toBe('Id\n""\n""\n');
  });

  it('accepts any iterable, read once', () => {
    function* gen(): Generator<Record<string, unknown>> {
      yield { a: 1 };
      yield { b: 2 };
    }
    expect(recordsToCsv(gen())).toBe('a,b\n1,\n,2\n');
  });

  it('rejects a record without fields and a bad value, naming the record index', () => {
    expect(() => recordsToCsv([{}])).toThrow(ValidationError);
    expect(() => recordsToCsv([{ a: 1 }, {}])).toThrow(/Record 1 has no fields/);
    expect(() => recordsToCsv([{ a: 1 }, { Account: {} }])).toThrow(/no fields/);
    try {
      recordsToCsv([{ a: 1 }, { a: NaN }]);
      throw new Error('expected a ValidationError');
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      expect(error).toMatchObject({ index: 1, field: 'a' });
    }
  });

  it('does not mutate the records', () => {
    const records = [{ a: 'x', Account: { Key__c: 'k' } }];
    const copy = structuredClone(records);
    recordsToCsv(records);
    expect(records).toEqual(copy);
  });
});
