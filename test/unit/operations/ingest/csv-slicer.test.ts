import type { RequestBody } from '../../../../src/http/transport.js';
import { ValidationError } from '../../../../src/errors/validation-error.js';
import { rowHash } from '../../../../src/operations/ingest/correlation/row-key.js';
import { CsvSlicer, type CsvSlicerOptions } from '../../../../src/operations/ingest/slicing/csv-slicer.js';
import type { JobSlicer, SlicedJob } from '../../../../src/operations/ingest/slicing/sliced-job.js';

const base: CsvSlicerOptions = {
  operation: 'insert',
  externalIdField: undefined,
  columnDelimiter: 'COMMA',
  lineEnding: 'LF',
  matchBy: { kind: 'fields' },
  maxBytesPerJob: 1e6,
  maxRecordsPerJob: 1e9,
};

async function all(slicer: JobSlicer): Promise<{ job: SlicedJob; text: string }[]> {
  const out: { job: SlicedJob; text: string }[] = [];
  for (let job = await slicer.next(); job; job = await slicer.next()) {
    out.push({ job, text: await bodyText(job.body.data) });
  }
  return out;
}

async function bodyText(data: RequestBody): Promise<string> {
  if (typeof data === 'string') return data;
  return data instanceof Uint8Array ? new TextDecoder().decode(data) : data.text();
}

describe('CsvSlicer limits', () => {
  it('cuts after maxRecordsPerJob rows, not before', async () => {
    const jobs = await all(new CsvSlicer(['Name\na\nb\nc\nd\ne\n'], { ...base, maxRecordsPerJob: 2 }));
    expect(jobs.map((j) => [j.text, j.job.recordCount, j.job.start])).toEqual([
      ['Name\na\nb\n', 2, 0],
      ['Name\nc\nd\n', 2, 2],
      ['Name\ne\n', 1, 4],
    ]);
  });

  it('fills a job up to exactly maxBytesPerJob, header included', async () => {
    // header 5 bytes, each row 3 bytes: 5 + 3 + 3 = 11
    const jobs = await all(new CsvSlicer(['Name\naa\nbb\ncc\n'], { ...base, maxBytesPerJob: 11 }));
    expect(jobs.map((j) => j.text)).toEqual(['Name\naa\nbb\n', 'Name\ncc\n']);
    expect((await all(new CsvSlicer(['Name\naa\nbb\ncc\n'], { ...base, maxBytesPerJob: 10 }))).length).toBe(3);
  });

  it('refuses a record that with its header is larger than maxBytesPerJob', async () => {
    const slicer = new CsvSlicer(['Name\nok\ntoolongrow\n'], { ...base, maxBytesPerJob: 10 });
    expect((await slicer.next())?.recordCount).toBe(1);
    const error = await slicer.next().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({
      message: 'CSV record 1 alone is larger than maxBytesPerJob (10 bytes) with its header',
      issues: [{ index: 1, message: 'record larger than maxBytesPerJob' }],
    });
  });

  it('ends the last record with the line ending when the input does not', async () => {
    const [lf] = await all(new CsvSlicer(['Name\na\nb'], base));
    expect(lf?.text).toBe('Name\na\nb\n');
    const [crlf] = await all(new CsvSlicer(['Name\r\na\r\nb'], { ...base, lineEnding: 'CRLF' }));
    expect(crlf?.text).toBe('Name\r\na\r\nb\r\n');
  });

  it('keeps a large job whole across its internal chunks', async () => {
    const rows = Array.from({ length: 9000 }, (_, i) => `row number ${i}\n`);
    const [only] = await all(new CsvSlicer(['Name\n', ...rows], base));
    expect(only?.text).toBe(`Name\n${rows.join('')}`);
    expect(only?.job.recordCount).toBe(9000);
    expect(only?.job.index.take(rowHash({ Name: 'row number 8999' }, { kind: 'fields' }))).toBe(8999);
  });

  it('gives a CSV body', async () => {
    const [only] = await all(new CsvSlicer(['Name\na\n'], base));
    expect(only?.job.body.data).toMatchObject({ type: 'text/csv' });
  });

  it('an empty input, or a header alone, has no job', async () => {
    expect(await new CsvSlicer([], base).next()).toBeUndefined();
    const headerOnly = new CsvSlicer(['Name\n'], base);
    expect(await headerOnly.next()).toBeUndefined();
    expect(await headerOnly.next()).toBeUndefined();
  });

  it('close() stops reading the input', async () => {
    let returned = 0;
    const input: Iterable<string> = {
      [Symbol.iterator]: () => {
        let n = 0;
        return {
          next: () => (n++ < 100 ? { done: false, value: `r${n}\n` } : { done: true, value: undefined }),
          return: () => {
            returned += 1;
            return { done: true, value: undefined };
          },
        };
      },
    };
    const slicer = new CsvSlicer(input, { ...base, maxRecordsPerJob: 2 });
    expect((await slicer.next())?.recordCount).toBe(2);
    slicer.close();
    slicer.close();
    await new Promise((resolve) => setImmediate(resolve));
    expect(returned).toBe(1);
    // only the record already read (the one that did not fit) is left, then the input ends
    expect((await slicer.next())?.recordCount).toBe(1);
    expect(await slicer.next()).toBeUndefined();
    expect(slicer.original()).toBeUndefined();
  });
});

describe('CsvSlicer header checks', () => {
  const slicer = (header: string, options: Partial<CsvSlicerOptions>) =>
    new CsvSlicer([`${header}\nx,y\n`], { ...base, ...options });

  it('refuses a column name that is not one', async () => {
    await expect(slicer('Name,Bad Name!', {}).next()).rejects.toMatchObject({
      message: 'Invalid column name "Bad Name!" in the CSV header',
      issues: [{ field: 'Bad Name!', message: 'invalid column name' }],
    });
  });

  it.each(['update', 'delete', 'hardDelete'] as const)('needs an Id column (any case) for %s', async (operation) => {
    await expect(slicer('Name,Phone', { operation, matchBy: { kind: 'id' } }).next()).rejects.toMatchObject({
      message: `The CSV header has no Id column (required for ${operation})`,
      issues: [{ field: 'Id', message: 'missing Id column' }],
    });
    await expect(slicer('ID,Name', { operation, matchBy: { kind: 'id' } }).next()).resolves.toBeDefined();
  });

  it('needs no Id column for insert and upsert', async () => {
    await expect(slicer('Name,Phone', {}).next()).resolves.toBeDefined();
    await expect(
      slicer('Name,Ext__c', { operation: 'upsert', externalIdField: 'Ext__c', matchBy: { kind: 'id' } }).next(),
    ).resolves.toBeDefined();
  });

  it('needs the external id column (any case) for an upsert', async () => {
    const upsert = { operation: 'upsert' as const, matchBy: { kind: 'id' as const } };
    await expect(slicer('Name,Phone', { ...upsert, externalIdField: 'Ext__c' }).next()).rejects.toMatchObject({
      message: 'The CSV header has no Ext__c column (the external id of this upsert)',
      issues: [{ field: 'Ext__c', message: 'missing external id column' }],
    });
    await expect(slicer('Name,EXT__C', { ...upsert, externalIdField: 'ext__c' }).next()).resolves.toBeDefined();
    await expect(slicer('Name,Phone', { externalIdField: 'Ext__c' }).next()).resolves.toBeDefined();
  });
});
