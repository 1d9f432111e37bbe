import {
  ColumnNameStates,
  columnsHash,
  columnsKey,
  keyHalves,
  matchByFor,
  rowHash,
  type MatchBy,
} from '../../../../../src/operations/ingest/correlation/row-key.js';
import { canonicalValue } from '../../../../../src/operations/ingest/correlation/value-hash.js';

const FIELDS: MatchBy = { kind: 'fields' };

describe('canonicalValue', () => {
  it.each([
    ['5', '+5'],
    ['0.5', '.5'],
    ['-1000', '-1e3'],
    ['1000', '1000.0'],
    ['2024-01-31', '2024-01-31T00:00:00.000Z'],
    ['2024-01-31T10:00:00Z', '2024-01-31T10:00:00.000+00:00'],
    ['true', 'TRUE'],
    ['false', 'False'],
    ['1e+5', '100000'],
    ['1E-2', '0.01'],
    ['1e10', '10000000000'],
    ['2024-01-31 10:20', '2024-01-31T10:20:00.000Z'],
  ])('%p and %p are the same value', (a, b) => {
    expect(canonicalValue(a)).toBe(canonicalValue(b));
  });

  it.each([
    ['12ab', '12ab'],
    ['1-2', '1-2'],
    ['2024-13-45', '2024-13-45'], // the form of a date, not a date
    ['12345-6789', '12345-6789'], // a date's length, no dash where a date has one
    ['yes', 'yes'],
    ['truly', 'truly'],
    ['Acme', 'Acme'],
    ['', ''],
  ])('%p stays text', (value, text) => {
    expect(canonicalValue(value)).toBe(text);
  });

  it.each([
    ['2024-01-31', '2024-02-01'],
    ['2024-01-31T10:00:00Z', '2024-01-31T10:00:01Z'],
    ['true', 'false'],
    ['1e5', '1e6'],
    ['5', '6'],
  ])('%p and %p are different values', (a, b) => {
    expect(canonicalValue(a)).not.toBe(canonicalValue(b));
  });

  it.each(['2024-01-31x', 'x2024-01-31', '2024-01-31T10', '1e', '1e+', '+', '.', '-.'])('%p stays text', (value) => {
    expect(canonicalValue(value)).toBe(value);
  });

  it('numbers, dates and booleans never equal a text that looks like their canonical form', () => {
    expect(canonicalValue('5')).not.toBe('5');
    expect(canonicalValue('2024-01-31')).not.toBe('2024-01-31');
    expect(canonicalValue('true')).not.toBe('true');
    expect(canonicalValue('1')).not.toBe(canonicalValue('true'));
    expect(canonicalValue('2024-01-31')).not.toBe(canonicalValue(String(Date.UTC(2024, 0, 31))));
  });
});

describe('row keys', () => {
  it('columnsHash over parallel arrays equals rowHash over the record, with or without the name cache', () => {
    const record = { Name: 'Acme', Phone: '555', Amount: '12.50', Active: 'TRUE' };
    const names = Object.keys(record);
    const values = Object.values(record);
    const cached = new ColumnNameStates();
    const key = rowHash(record, FIELDS);
    expect(columnsHash(names, values, FIELDS)).toEqual(key);
    expect(columnsHash(names, values, { kind: 'fields', names: cached })).toEqual(key);
    expect(rowHash(record, { kind: 'fields', names: cached })).toEqual(key);
  });

  it('a key is a 53-bit slot and an 11-bit check', () => {
    for (let i = 0; i < 200; i++) {
      const [slot, check] = rowHash({ Name: `n${i}` }, FIELDS) ?? [-1, -1];
      expect(Number.isSafeInteger(slot) && slot >= 0).toBe(true);
      expect(check >= 0 && check < 2048 && Number.isInteger(check)).toBe(true);
    }
  });

  it('matches column names in any case, A to Z', () => {
    for (const [a, b] of [
      ['Zip', 'zIP'],
      ['AZ', 'az'],
      ['Name@', 'NAME@'],
    ])
      expect(columnsHash([a as string], ['x'], FIELDS)).toEqual(columnsHash([b as string], ['x'], FIELDS));
    // characters next to the letters are not letters: [ is not {
    expect(columnsHash(['A['], ['x'], FIELDS)).not.toEqual(columnsHash(['a{'], ['x'], FIELDS));
    expect(columnsHash(['A@'], ['x'], FIELDS)).not.toEqual(columnsHash(['a`'], ['x'], FIELDS));
  });

  it("skips Salesforce's result columns, empty values and #N/A on both sides", () => {
    const key = columnsHash(['Name'], ['a'], FIELDS);
    expect(columnsHash(['sf__Id', 'sf__Created', 'Name', 'Fax'], ['001', 'true', 'a', ''], FIELDS)).toEqual(key);
    expect(columnsHash(['sf__Error', 'Name', 'Fax'], ['E:x:', 'a', '#N/A'], FIELDS)).toEqual(key);
    expect(rowHash({ sf__Id: '001', Name: 'a', Fax: '#N/A' }, FIELDS)).toEqual(key);
    expect(columnsHash(['Name', 'Fax'], ['a', undefined], FIELDS)).toEqual(key);
    expect(columnsHash(['Name', 'Fax'], ['a', 'x'], FIELDS)).not.toEqual(key);
  });

  it('tells apart values moved between columns, split differently, or of other lengths', () => {
    const key = (record: Record<string, string>) => rowHash(record, FIELDS);
    expect(key({ A: 'ab', B: 'c' })).not.toEqual(key({ A: 'a', B: 'bc' }));
    expect(key({ AB: 'c' })).not.toEqual(key({ A: 'Bc' }));
    expect(key({ A: 'abc' })).not.toEqual(key({ A: 'acb' }));
    expect(key({ A: 'abcd' })).not.toEqual(key({ A: 'abdc' }));
    expect(key({ A: 'a' })).not.toEqual(key({ A: 'a\u0000' }));
    expect(key({ A: 'x' })).not.toEqual(key({ B: 'x' }));
    expect(key({ A: 'x' })).not.toEqual(key({ A: 'x', B: 'x' }));
    expect(key({ a: 'x' })).toEqual(key({ A: 'x' }));
    expect(key({ NAME: 'x', phone: '1' })).toEqual(key({ Phone: '1', Name: 'x' }));
  });

  it('keys by the id column (any case, 15-character form), or none when it is missing or empty', () => {
    const id: MatchBy = { kind: 'id' };
    expect(columnsHash(['sf__Id', 'ID'], ['x', '001xx000003DGb2AAG'], id)).toEqual(
      columnsHash(['Id'], ['001xx000003DGb2'], id),
    );
    expect(columnsHash(['Id'], ['001xx000003DGb2'], id)).not.toEqual(columnsHash(['Id'], ['001xx000003DGB2'], id));
    expect(columnsHash(['Name'], ['001xx000003DGb2'], id)).toBeUndefined();
    expect(columnsHash(['Id'], [''], id)).toBeUndefined();
    expect(columnsHash(['Id'], [undefined], id)).toBeUndefined();
  });

  it('keys by the external id by value, whatever else the row holds', () => {
    const ext: MatchBy = { kind: 'externalId', field: 'Ext__c' };
    expect(columnsHash(['Name', 'EXT__C'], ['a', '1000'], ext)).toEqual(columnsHash(['Ext__c'], ['1000.0'], ext));
    expect(columnsHash(['Ext__c'], ['A'], ext)).not.toEqual(columnsHash(['Ext__c'], ['B'], ext));
    expect(columnsHash(['Ext__c'], ['ab'], ext)).not.toEqual(columnsHash(['Ext__c'], ['ba'], ext));
    expect(columnsHash(['Other'], ['A'], ext)).toBeUndefined();
  });
});

describe('columnsKey', () => {
  it('writes the halves of the key columnsHash gives, row after row, or says there is none', () => {
    const names = ['Id', 'Name', 'Ext__c', 'Amount'];
    const rows: (string | undefined)[][] = [
      ['001000000000001AAA', 'Acme', 'E-1', '12.50'],
      ['001000000000002AAA', '', 'E-2', undefined],
      ['', 'Beta', '', '7'],
    ];
    const out = new Uint32Array(2);
    const kinds: MatchBy[] = [
      { kind: 'fields', names: new ColumnNameStates() },
      { kind: 'fields' },
      { kind: 'id' },
      { kind: 'externalId', field: 'ext__c' },
    ];
    for (const by of kinds)
      for (const row of rows) {
        const key = columnsHash(names, row, by);
        out.fill(7);
        expect(columnsKey(names, row, by, out)).toBe(key !== undefined);
        if (key !== undefined) expect([out[0], out[1]]).toEqual([...keyHalves(key)]);
      }
    // the id is missing from the third row: no key
    expect(columnsKey(names, rows[2] as string[], { kind: 'id' }, out)).toBe(false);
  });
});

describe('numbers in row keys', () => {
  // a number already printed as Number prints it is hashed without making its canonical form; the
  // key must be the one of every other way of writing the same number (which goes the long way)
  it.each([
    ['42', '42.0'],
    ['0', '0.0'],
    ['-0', '0'],
    ['7', '007'],
    ['-0.5', '-0.50'],
    ['0.25', '.25'],
    ['1000', '1e3'],
    ['912260031', '9.12260031E8'],
    ['123456789012345', '123456789012345.0'],
    ['1234567890123456', '1234567890123456.0'],
    ['12.5', '+12.5'],
    ['3', '3.'],
  ])('%s keys as %s', (printed, other) => {
    const by: MatchBy = { kind: 'fields' };
    expect(rowHash({ Amount: printed }, by)).toEqual(rowHash({ Amount: other }, by));
    expect(rowHash({ Amount: printed }, by)).not.toEqual(rowHash({ Amount: `${printed}1` }, by));
  });

  it('text that only starts like a number is text', () => {
    const by: MatchBy = { kind: 'fields' };
    for (const [a, b] of [
      ['-', '-0'],
      ['1-2', '-1'],
      ['12a', '12'],
      ['1.2.3', '1.2'],
    ])
      expect(rowHash({ A: a as string }, by)).not.toEqual(rowHash({ A: b as string }, by));
  });
});

describe('ColumnNameStates', () => {
  it('a list changed in place (same array, new length) is hashed again', () => {
    const states = new ColumnNameStates();
    const by: MatchBy = { kind: 'fields', names: states };
    const names = ['Name'];
    const first = columnsHash(names, ['a', 'b'], by);
    names.push('Phone');
    expect(columnsHash(names, ['a', 'b'], by)).toEqual(columnsHash(['Name', 'Phone'], ['a', 'b'], FIELDS));
    expect(columnsHash(names, ['a', 'b'], by)).not.toEqual(first);
    expect(columnsHash(['Other', 'Phone'], ['a', 'b'], by)).toEqual(
      columnsHash(['Other', 'Phone'], ['a', 'b'], FIELDS),
    );
  });

  it('gives the same state for a name cached or not, past its 10,000-name cache', () => {
    const states = new ColumnNameStates();
    for (let i = 0; i < 10_050; i++) states.of(`Col${i}`);
    expect(states.of('Col10049')).toEqual(new ColumnNameStates().of('Col10049'));
    expect(states.of('Col5')).toEqual(new ColumnNameStates().of('Col5'));
    expect(rowHash({ Col10049: 'x' }, { kind: 'fields', names: states })).toEqual(rowHash({ Col10049: 'x' }, FIELDS));
  });
});

describe('matchByFor', () => {
  it('ties insert rows by their columns, upserts by the external id (or Id), the rest by Id', () => {
    expect(matchByFor('insert', undefined)).toMatchObject({ kind: 'fields' });
    expect(matchByFor('insert', undefined)).toHaveProperty('names');
    expect(matchByFor('upsert', 'Ext__c')).toEqual({ kind: 'externalId', field: 'Ext__c' });
    expect(matchByFor('upsert', 'ID')).toEqual({ kind: 'id' });
    expect(matchByFor('upsert', undefined)).toEqual({ kind: 'id' });
    expect(matchByFor('update', 'Ext__c')).toEqual({ kind: 'id' });
    expect(matchByFor('delete', undefined)).toEqual({ kind: 'id' });
    expect(matchByFor('hardDelete', undefined)).toEqual({ kind: 'id' });
  });
});
