import { ResponseValidationError } from '../../../src/errors/response-validation-error.js';
import { parseCsv } from '../../../src/csv/parse-csv.js';
import { toFailedRecord, toSuccessRecord, toUnprocessedRecord } from '../../../src/csv/result-rows.js';

describe('result rows', () => {
  it('maps a successfulResults row', () => {
    const { rows } = parseCsv(
      '"sf__Id","sf__Created",Name,sf__Ns__c\n"001A","true","Acme","x"\n"001B","false","Beta",""\n',
    );
    expect(rows.map((row) => toSuccessRecord(row, '750J'))).toEqual([
      { jobId: '750J', id: '001A', created: true, fields: { Name: 'Acme', sf__Ns__c: 'x' } },
      { jobId: '750J', id: '001B', created: false, fields: { Name: 'Beta', sf__Ns__c: '' } },
    ]);
  });

  it('rejects a success row without sf__Id', () => {
    expect(() => toSuccessRecord({ Name: 'x' }, '750J')).toThrow(ResponseValidationError);
  });

  it('maps a failedResults row, parsing sf__Error and keeping the raw text', () => {
    const raw = 'REQUIRED_FIELD_MISSING:Required fields are missing: [Name]:Name --';
    const row = { sf__Id: '', sf__Error: raw, Name: '', Phone: '555' };
    expect(toFailedRecord(row, '750J')).toEqual({
      jobId: '750J',
      id: null,
      error: { statusCode: 'REQUIRED_FIELD_MISSING', message: 'Required fields are missing: [Name]', fields: ['Name'] },
      rawError: raw,
      fields: { Name: '', Phone: '555' },
    });
  });

  it('keeps the echoed id of a failed delete, and tolerates a file without sf__Id (API < 53)', () => {
    const deleted = toFailedRecord(
      {
        sf__Id: '001000000000000AAA',
        sf__Error: 'INVALID_CROSS_REFERENCE_KEY:invalid cross reference id:--',
        Id: '001000000000000AAA',
      },
      'j',
    );
    expect(deleted.id).toBe('001000000000000AAA');
    expect(deleted.error.statusCode).toBe('INVALID_CROSS_REFERENCE_KEY');
    expect(deleted.fields).toEqual({ Id: '001000000000000AAA' });
    const old = toFailedRecord({ sf__Error: 'odd', Name: 'x' }, 'j');
    expect(old.id).toBeNull();
    expect(old.error).toEqual({ statusCode: 'UNKNOWN', message: 'odd', fields: [] });
  });

  it('maps an unprocessedrecords row with all its columns', () => {
    expect(toUnprocessedRecord({ Name: 'x', Phone: '' }, 'j')).toEqual({
      jobId: 'j',
      fields: { Name: 'x', Phone: '' },
    });
  });
});
