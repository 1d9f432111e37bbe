import { ResponseValidationError } from '../../../src/errors/response-validation-error.js';
import { parseCsv } from '../../../src/csv/parse-csv.js';
import { catchError } from '../../support/catch-error.js';

describe('parseCsv', () => {
  it('reads Salesforce result CSV: quoted header and values', () => {
    const text =
      '"sf__Id","sf__Created",Name,name\n"001xx0000001","true","Acme, Inc.","say ""hi"""\n"001xx0000002","false","",""\n';
    expect(parseCsv(text)).toEqual({
      columns: ['sf__Id', 'sf__Created', 'Name', 'name'],
      rows: [
        { sf__Id: '001xx0000001', sf__Created: 'true', Name: 'Acme, Inc.', name: 'say "hi"' },
        { sf__Id: '001xx0000002', sf__Created: 'false', Name: '', name: '' },
      ],
    });
  });

  it('gives zero rows for an empty body and for a header-only body', () => {
    expect(parseCsv('')).toEqual({ columns: [], rows: [] });
    expect(parseCsv('"Id","Name"\n')).toEqual({ columns: ['Id', 'Name'], rows: [] });
    expect(parseCsv('"Id","Name"')).toEqual({ columns: ['Id', 'Name'], rows: [] });
  });

  it('drops a UTF-8 BOM and NUL characters', () => {
    expect(parseCsv('\uFEFF"Id"\n"0\u00001"\n')).toEqual({ columns: ['Id'], rows: [{ Id: '01' }] });
  });

  it('does not make an empty row of the trailing line ending, with or without it', () => {
    expect(parseCsv('a,b\n1,2\n').rows).toEqual([{ a: '1', b: '2' }]);
    expect(parseCsv('a,b\n1,2').rows).toEqual([{ a: '1', b: '2' }]);
  });

  it('keeps quoted line breaks, delimiters and surrounding spaces', () => {
    const text = 'a,b\r\n"x\r\ny, z"," padded "\r\n';
    expect(parseCsv(text, { lineEnding: 'CRLF' }).rows).toEqual([{ a: 'x\r\ny, z', b: ' padded ' }]);
    // the line ending is detected from the header when not given
    expect(parseCsv(text).rows).toEqual([{ a: 'x\r\ny, z', b: ' padded ' }]);
    expect(parseCsv('a,b\n"x\ny",2\n').rows).toEqual([{ a: 'x\ny', b: '2' }]);
  });

  it('uses the job delimiter', () => {
    expect(parseCsv('a|b\n"1|2"|3,4\n', { columnDelimiter: 'PIPE' }).rows).toEqual([{ a: '1|2', b: '3,4' }]);
    expect(parseCsv('a\tb\n1\t2\n', { columnDelimiter: 'TAB' }).rows).toEqual([{ a: '1', b: '2' }]);
  });

  it('reads an empty line of a one-column file as an empty value', () => {
    expect(parseCsv('Id\n\n""\n').rows).toEqual([{ Id: '' }, { Id: '' }]);
  });

  it('rejects a row whose field count differs from the header, naming the row', () => {
    const error = catchError(() => parseCsv('a,b\n1,2\n3,4\n5\n'));
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect((error as Error).message).toMatch(/row 3 has 1 fields, the header has 2/);
    expect((error as ResponseValidationError).issues[0]?.path).toEqual(['row', 3]);
    expect(() => parseCsv('a,b\n1,2,3\n')).toThrow(/row 1 has 3 fields/);
    expect(() => parseCsv('a,b\n1,2\n\n')).toThrow(ResponseValidationError);
  });

  it('rejects a page cut inside a quoted field, and malformed quotes', () => {
    expect(() => parseCsv('"a","b"\n"1","tru')).toThrow(ResponseValidationError);
    expect(() => parseCsv('"a","b"\n"1"x,"2"\n')).toThrow(ResponseValidationError);
  });

  it('rejects a duplicate header name', () => {
    expect(() => parseCsv('Id,Id\n1,2\n')).toThrow(/duplicate/);
  });
});
