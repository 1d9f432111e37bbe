import { ValidationError } from '../../../src/errors/validation-error.js';
import { KineticError } from '../../../src/errors/kinetic-error.js';
import { CsvJobWriter } from '../../../src/csv/csv-job-writer.js';
import { recordsToCsv } from '../../../src/csv/records-to-csv.js';

const utf8 = (text: string): number => new TextEncoder().encode(text).length;

describe('CsvJobWriter', () => {
  it('builds the same CSV as recordsToCsv, with exact byte counts', async () => {
    const records = [{ Name: 'Zoë 😀', Note: 'a,"b"' }, { Name: 'x\ny' }, { Name: null, Extra: 'é' }];
    const writer = new CsvJobWriter();
    let grown = 0;
    for (const record of records) {
      grown += writer.write(record);
      expect(writer.byteLength).toBe(grown);
    }
    const done = await writer.finish();
    const text = await done.body.text();
    expect(text).toBe(recordsToCsv(records));
    expect(done.byteLength).toBe(utf8(text));
    expect(done.body.size).toBe(done.byteLength);
    expect(done.recordCount).toBe(3);
    expect(done.columns).toEqual(['Name', 'Note', 'Extra']);
  });

  it('appends a late column and pads earlier rows, segment by segment', async () => {
    // tiny chunks so that several byte chunks need padding, some with quoted line breaks
    const writer = new CsvJobWriter({ chunkBytes: 8, lineEnding: 'CRLF', columnDelimiter: 'SEMICOLON' });
    const records: Record<string, unknown>[] = [];
    for (let i = 0; i < 20; i++) records.push({ A: i % 3 === 0 ? `q"\r\n;${i}` : `v${i}` });
    for (let i = 0; i < 10; i++) records.push({ B: `b${i}`, A: 'é' });
    records.push({ C: '😀' });
    for (const record of records) writer.write(record);
    expect(writer.columns).toEqual(['A', 'B', 'C']);
    const done = await writer.finish();
    const text = await done.body.text();
    expect(text).toBe(recordsToCsv(records, { lineEnding: 'CRLF', columnDelimiter: 'SEMICOLON' }));
    expect(text.startsWith('A;B;C\r\n"q""\r\n;0";;\r\nv1;;\r\n')).toBe(true);
    expect(done.byteLength).toBe(utf8(text));
  });

  it('predicts growth with measure() and wouldExceed(), new columns included', async () => {
    const writer = new CsvJobWriter();
    writer.write({ A: '1' });
    writer.write({ A: '2' });
    const before = writer.byteLength;
    const record = { A: '3', Bé: 'x' };
    // row "3,x\n" (4) + header ",Bé" (4) + one delimiter for each of the 2 earlier rows
    expect(writer.measure(record)).toBe(4 + 4 + 2);
    expect(writer.wouldExceed(record, before + 10)).toBe(false);
    expect(writer.wouldExceed(record, before + 9)).toBe(true);
    expect(writer.write(record)).toBe(10);
    expect(writer.byteLength).toBe(before + 10);
    const done = await writer.finish();
    expect(await done.body.text()).toBe('A,Bé\n1,\n2,\n3,x\n');
    expect(done.byteLength).toBe(before + 10);
  });

  it('counts the header from the first record and the given columns', async () => {
    const writer = new CsvJobWriter({ columns: ['Id'] });
    expect(writer.byteLength).toBe(3);
    expect(writer.measure({ Id: '001' })).toBe(4);
    const empty = new CsvJobWriter();
    expect(empty.byteLength).toBe(0);
    expect(empty.measure({ Name: 'a' })).toBe('Name\n'.length + 'a\n'.length);
    const done = await new CsvJobWriter({ columns: ['Id'] }).finish();
    expect(await done.body.text()).toBe('Id\n');
    const none = await new CsvJobWriter().finish();
    expect(none.body.size).toBe(0);
    expect(none.byteLength).toBe(0);
  });

  it('leaves the writer unchanged when a record is invalid', async () => {
    const writer = new CsvJobWriter();
    writer.write({ A: 1 });
    const size = writer.byteLength;
    expect(() => writer.write({ A: 2, B: NaN })).toThrow(ValidationError);
    expect(() => writer.write({})).toThrow(/no fields/);
    expect(writer.byteLength).toBe(size);
    expect(writer.recordCount).toBe(1);
    expect(writer.columns).toEqual(['A']);
    expect(await (await writer.finish()).body.text()).toBe('A\n1\n');
  });

  it('re-serialises a record whose measurement is stale', async () => {
    const writer = new CsvJobWriter();
    const late = { A: 'x', B: 'y' };
    writer.measure(late);
    writer.write({ B: 'first' });
    writer.write(late);
    expect(await (await writer.finish()).body.text()).toBe('B,A\nfirst,\ny,x\n');
  });

  it('cannot be used after finish()', async () => {
    const writer = new CsvJobWriter();
    writer.write({ A: 1 });
    await writer.finish();
    expect(() => writer.write({ A: 2 })).toThrow(KineticError);
    await expect(writer.finish()).rejects.toThrow(KineticError);
  });

  it('writes 100,000 records quickly', async () => {
    const writer = new CsvJobWriter();
    const started = Date.now();
    for (let i = 0; i < 100_000; i++)
      writer.write({ Name: `Account ${i}`, Amount__c: i * 1.5, Active__c: i % 2 === 0 });
    const done = await writer.finish();
    expect(done.recordCount).toBe(100_000);
    expect(done.body.size).toBe(done.byteLength);
    // about 0.2 s on a laptop; the bound only catches an accidental quadratic path
    expect(Date.now() - started).toBeLessThan(5000);
  });
});
