import { Utf8CsvScanner } from '../../../../../src/csv/utf8-csv-scanner.js';
import {
  ColumnNameStates,
  columnsHash,
  keyHalves,
  type MatchBy,
} from '../../../../../src/operations/ingest/correlation/row-key.js';
import { utf8RowKey } from '../../../../../src/operations/ingest/correlation/utf8-row-key.js';
import { utf8Rows } from '../../../../support/utf8-rows.js';

/** The key of each row, from bytes (`utf8RowKey`), as halves; undefined for a row without a key. */
function byteKeys(header: readonly string[], rows: readonly string[][], by: MatchBy): (string | undefined)[] {
  const scanned = utf8Rows(rows);
  const key = utf8RowKey(header, by);
  const out = new Uint32Array(2);
  return rows.map((_, r) =>
    key(scanned.bytes, scanned.starts, scanned.ends, r * scanned.width, out) ? `${out[0]}:${out[1]}` : undefined,
  );
}

/** The same from strings (`columnsHash`). */
function stringKeys(header: readonly string[], rows: readonly string[][], by: MatchBy): (string | undefined)[] {
  return rows.map((row) => {
    const key = columnsHash(header, row, by);
    return key === undefined ? undefined : keyHalves(key).join(':');
  });
}

const VALUES = [
  'Acme',
  'ACME',
  '',
  '#N/A',
  '#n/a',
  'true',
  'TRUE',
  'False',
  'truth',
  'tru',
  '1000',
  '1000.0',
  '+1000',
  '-0.50',
  '.5',
  '1e3',
  '9.12260031E8',
  '912260031',
  '2024-01-31',
  '2024-01-31T00:00:00.000Z',
  '2024-01-31T10:20:30+0100',
  '2024-13-45',
  '+1 (555) 0100',
  '12 Main St',
  'ünïcödé — ✓',
  'emoji 😀 and 𝄞',
  'odd',
  'even',
  'x',
  'say "hi", twice\nnew line',
  'ü',
  'üü',
  '€uro',
  'fAlSe',
  'TRUE ',
  'trueé',
  '1E3',
  '-',
  '+',
  '.',
  '0',
  '-0',
  '007',
  '12345678901234567',
  '1-800-FLOWERS',
  '2024-01-31 10:20',
  '12:30',
  '1.5.2',
  '+1 555',
  '9 ü',
  '£ © °',
  '\u0080\u07ff',
  'अ ࠀ',
  '\uffff\ue000',
  '\u{10ffff}\u{10000}',
];

describe('utf8RowKey', () => {
  it('keys rows from bytes exactly as columnsHash keys them from strings (echoed columns)', () => {
    const header = ['sf__Id', 'sf__Created', 'Name', 'Amount', 'When', 'Note'];
    const rows: string[][] = [];
    for (let i = 0; i < VALUES.length; i++)
      for (let j = 0; j < VALUES.length; j += 3)
        rows.push([
          `001${i}`,
          'true',
          VALUES[i] as string,
          VALUES[j] as string,
          VALUES[(i + j) % VALUES.length] as string,
          VALUES[(i * 7 + j) % VALUES.length] as string,
        ]);
    for (const by of [{ kind: 'fields' } as const, { kind: 'fields', names: new ColumnNameStates() } as const]) {
      const keys = byteKeys(header, rows, by);
      expect(keys).toEqual(stringKeys(header, rows, by));
      expect(keys.every((key) => key !== undefined)).toBe(true);
    }
  });

  it('ties what the serialiser wrote to what Salesforce echoes (numbers, dates, booleans re-serialised)', () => {
    const by: MatchBy = { kind: 'fields' };
    const written = [['Acme', '1000', '2024-01-31', 'TRUE', '912260031', '']];
    const echoed = [['001x', 'true', 'Acme', '1000.0', '2024-01-31T00:00:00.000Z', 'true', '9.12260031E8', '']];
    const input = stringKeys(['Name', 'Amount', 'Day', 'Flag', 'Big', 'Empty'], written, by);
    const result = byteKeys(['sf__Id', 'sf__Created', 'Name', 'Amount', 'Day', 'Flag', 'Big', 'Empty'], echoed, by);
    expect(result).toEqual(input);
    // a changed value is another key
    const other = byteKeys(['sf__Id', 'sf__Created', 'Name', 'Amount'], [['001x', 'true', 'Acme', '1001.0']], by);
    expect(other).not.toEqual(stringKeys(['Name', 'Amount'], [['Acme', '1000']], by));
  });

  it('keys by id (15 characters) and by external id as columnsHash does', () => {
    const rows = [
      ['001000000000001AAA', 'true', 'E-1', 'x'],
      ['001000000000001', 'false', ' e-1 ', 'y'],
      ['', 'false', '', 'z'],
      ['001000000000002AAA', 'true', '1000', 'w'],
    ];
    const header = ['sf__Id', 'sf__Created', 'Ext__c', 'Id'];
    for (const by of [{ kind: 'id' } as const, { kind: 'externalId', field: 'ext__C' } as const]) {
      // the id column here is Id (not sf__Id): by id, rows key on their own Id column
      expect(byteKeys(header, rows, by)).toEqual(stringKeys(header, rows, by));
    }
    const byId = byteKeys(
      ['Id', 'Name'],
      rows.map((r) => [r[0] as string, 'n']),
      { kind: 'id' },
    );
    expect(byId[0]).toBeDefined();
    expect(byId[0]).toBe(byId[1]);
    expect(byId[2]).toBeUndefined();
    expect(byteKeys(['Name'], [['n']], { kind: 'id' })).toEqual([undefined]);
  });

  it('keys the rows a scanned result file holds (values unquoted from the bytes)', () => {
    const scanner = new Utf8CsvScanner({ lineEnding: 'LF' });
    const batch = scanner.push(
      new TextEncoder().encode('"sf__Id","sf__Created","Name","Note"\n"001","true","A ""b""","ü,😀"\n'),
    );
    const key = utf8RowKey(scanner.columns ?? [], { kind: 'fields' });
    const out = new Uint32Array(2);
    expect(key(batch.bytes, batch.starts, batch.ends, 0, out)).toBe(true);
    expect(`${out[0]}:${out[1]}`).toBe(stringKeys(['Name', 'Note'], [['A "b"', 'ü,😀']], { kind: 'fields' })[0]);
  });

  it('skips #N/A like an empty value, and only #N/A', () => {
    const empty = byteKeys(['Name', 'Fax'], [['Acme', '']], { kind: 'fields' })[0];
    expect(byteKeys(['Name', 'Fax'], [['Acme', '#N/A']], { kind: 'fields' })[0]).toBe(empty);
    for (const other of ['#N/B', 'xN/A', '#x/A', '#NxA', '#N/', '#N/AA', 'Beta'])
      expect([other, byteKeys(['Name', 'Fax'], [['Acme', other]], { kind: 'fields' })[0]]).not.toEqual([other, empty]);
  });

  it('reads each byte that starts no valid sequence as one U+FFFD', () => {
    const key = utf8RowKey(['Name'], { kind: 'fields' });
    const out = new Uint32Array(2);
    const cases: readonly (readonly [number[], string])[] = [
      [[0x41, 0x80, 0x41], 'A\uFFFDA'],
      [[0x41, 0xc1, 0x81, 0x41], 'A\uFFFD\uFFFDA'],
      [[0x41, 0xf5, 0x80, 0x41], 'A\uFFFD\uFFFDA'],
      [[0x41, 0xf5, 0x80, 0x80, 0x80, 0x41], 'A\uFFFD\uFFFD\uFFFD\uFFFDA'],
      [[0x41, 0xc2, 0xa3, 0xe0, 0xa4, 0x85, 0xf4, 0x8f, 0xbf, 0xbf], 'A£अ\u{10ffff}'],
      [[0x41, 0xe2, 0x41, 0x41], 'A\uFFFDAA'],
      [[0x41, 0x41, 0xe2, 0x82], 'AA\uFFFD\uFFFD'],
      [[0x41, 0x41, 0xf0, 0x9f, 0x98], 'AA\uFFFD\uFFFD\uFFFD'],
      [[0x41, 0x41, 0xc3], 'AA\uFFFD'],
      [[0x41, 0xc3, 0xbc, 0xe2, 0x82, 0xac, 0xf0, 0x9f, 0x98, 0x80], 'Aü€😀'],
    ];
    for (const [raw, text] of cases) {
      // the value sits between other bytes: nothing past its end may be read
      const bytes = new Uint8Array([0x80, ...raw, 0xbc, 0x80]);
      expect(key(bytes, new Uint32Array([1]), new Uint32Array([raw.length + 1]), 0, out)).toBe(true);
      expect([raw, `${out[0]}:${out[1]}`]).toEqual([raw, stringKeys(['Name'], [[text]], { kind: 'fields' })[0]]);
    }
  });

  it('a byte sequence no decoder accepts never keys like a valid value', () => {
    const header = ['Name'];
    const key = utf8RowKey(header, { kind: 'fields' });
    const out = new Uint32Array(2);
    const bad = new Uint8Array([0x41, 0xc3, 0x41]);
    expect(key(bad, new Uint32Array([0]), new Uint32Array([3]), 0, out)).toBe(true);
    const bytesKey = `${out[0]}:${out[1]}`;
    expect(bytesKey).not.toBe(stringKeys(header, [['AÃA']], { kind: 'fields' })[0]);
    expect(bytesKey).toBe(stringKeys(header, [['A\uFFFDA']], { kind: 'fields' })[0]);
  });
});
