import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileJournal } from '../../../../../src/node/file-journal.js';
import { rowHash, type MatchBy } from '../../../../../src/operations/ingest/correlation/row-key.js';
import { bodyChecksum, bodySize } from '../../../../../src/operations/ingest/journal/checksum.js';
import { memoryJournal } from '../../../../../src/operations/ingest/journal/journal-store.js';
import type { LoadJournal } from '../../../../../src/operations/ingest/journal/load-journal.js';
import { leftoverPart } from '../../../../../src/operations/ingest/journal/leftover-slice.js';
import { CorrelationIndex } from '../../../../../src/operations/ingest/correlation/correlation-index.js';
import { JobBody } from '../../../../../src/operations/ingest/slicing/job-body.js';
import type { RequestBody } from '../../../../../src/http/transport.js';

const JOURNAL: LoadJournal = {
  kind: 'kinetic-core/load-journal',
  version: 1,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  operation: 'insert',
  object: 'Account',
  slicing: { columnDelimiter: 'COMMA', lineEnding: 'LF', maxBytesPerJob: 100, maxRecordsPerJob: 10 },
  status: 'running',
  rowsRead: 0,
  inputEnded: false,
  slices: [],
};

async function bodyText(data: RequestBody): Promise<string> {
  if (typeof data === 'string') return data;
  return data instanceof Uint8Array ? new TextDecoder().decode(data) : data.text();
}

describe('bodyChecksum and bodySize', () => {
  it('a 64-bit FNV-style checksum, 16 hex digits, the same for a string, its bytes and a Blob of it', async () => {
    const text = 'Name,Phone\nAcme,555\nÉcole,1\n';
    const bytes = new TextEncoder().encode(text);
    const sum = await bodyChecksum(text);
    expect(sum).toMatch(/^[0-9a-f]{16}$/);
    expect(await bodyChecksum(bytes)).toBe(sum);
    expect(await bodyChecksum(new Blob([bytes.slice(0, 5), bytes.slice(5)]))).toBe(sum);
    expect(await bodyChecksum('')).toBe('811c9dc5050c5d1f');
    // journals keep checksums: the function must not change between versions
    expect(await bodyChecksum('a')).toBe('e40c292c7076e542');
  });

  it('tells apart bodies that differ in one byte or in order', async () => {
    const sums = new Set(await Promise.all(['ab', 'ba', 'aa', 'abc', 'a\n', '\na', 'b'].map((t) => bodyChecksum(t))));
    expect(sums.size).toBe(7);
  });

  it('sizes a body in bytes', () => {
    expect(bodySize('École')).toBe(6);
    expect(bodySize(new Uint8Array(7))).toBe(7);
    expect(bodySize(new Blob(['abc']))).toBe(3);
  });
});

describe('memoryJournal', () => {
  it('keeps a copy of what was written, and reads a copy', async () => {
    const store = memoryJournal();
    expect(await store.read()).toBeUndefined();
    const journal = structuredClone(JOURNAL);
    await store.write(journal);
    journal.rowsRead = 99;
    expect(store.current?.rowsRead).toBe(0);
    const read = await store.read();
    expect(read).toEqual(JOURNAL);
    expect(read).not.toBe(store.current);
  });
});

describe('leftoverPart', () => {
  const by: MatchBy = { kind: 'externalId', field: 'Ext__c' };
  const csv = { columnDelimiter: 'COMMA', lineEnding: 'LF' } as const;
  const body = 'Ext__c,Name\nA,a\nB,"b\nb"\nC,c\nD,d\n';

  it('a job of the rows an earlier job left, with their input indexes, tied by their keys', async () => {
    const part = { body: new JobBody(body), recordCount: 4, start: 20, index: new CorrelationIndex(20) };
    const left = await leftoverPart(part, [23, 21, 99], csv, by);
    expect(await bodyText(left.body.data)).toBe('Ext__c,Name\nB,"b\nb"\nD,d\n');
    expect(left).toMatchObject({ recordCount: 2, start: 20, inputIndexes: [21, 23] });
    expect(left.index.take(rowHash({ Ext__c: 'D' }, by))).toBe(23);
    expect(left.index.take(rowHash({ Ext__c: 'B' }, by))).toBe(21);
    expect(left.index.take(rowHash({ Ext__c: 'A' }, by))).toBeUndefined();
  });

  it('a part that is itself a retry names its rows by their input indexes', async () => {
    const bytes = new TextEncoder().encode(body);
    const part = {
      body: new JobBody(bytes),
      recordCount: 4,
      start: 3,
      index: new CorrelationIndex(3, [3, 8, 9, 12]),
      inputIndexes: [3, 8, 9, 12],
    };
    const left = await leftoverPart(part, [12, 8], csv, by);
    expect(await bodyText(left.body.data)).toBe('Ext__c,Name\nB,"b\nb"\nD,d\n');
    expect(left.inputIndexes).toEqual([8, 12]);
    expect(left.index.take(rowHash({ Ext__c: 'D' }, by))).toBe(12);
    expect(left.index.remaining()).toEqual([8]);
  });

  it('reads a Blob body, and a leftover of no row is a header only', async () => {
    const part = { body: new JobBody(new Blob([body])), recordCount: 4, start: 0, index: new CorrelationIndex(0) };
    const left = await leftoverPart(part, [], csv, by);
    expect(await bodyText(left.body.data)).toBe('Ext__c,Name\n');
    expect(left.recordCount).toBe(0);
  });
});

describe('fileJournal', () => {
  let folder: string;
  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'kinetic-journal-'));
  });
  afterEach(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it('reads nothing before the first write, then what was written, leaving no temporary file', async () => {
    const path = join(folder, 'load.json');
    const store = fileJournal(path);
    expect(await store.read()).toBeUndefined();
    await store.write(JOURNAL);
    await store.write({ ...JOURNAL, rowsRead: 5 });
    expect(await store.read()).toEqual({ ...JOURNAL, rowsRead: 5 });
    expect(await readdir(folder)).toEqual(['load.json']);
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual({ ...JOURNAL, rowsRead: 5 });
    expect((await stat(path)).mode & 0o777).toBe(0o600);
  });

  it('a read that fails for another reason than a missing file fails', async () => {
    await expect(fileJournal(folder).read()).rejects.toMatchObject({ code: 'EISDIR' });
    await writeFile(join(folder, 'bad.json'), '{');
    await expect(fileJournal(join(folder, 'bad.json')).read()).rejects.toThrow(SyntaxError);
  });

  it('a write that cannot replace the journal fails and removes its temporary file', async () => {
    const path = join(folder, 'taken');
    await writeFile(join(folder, 'taken.keep'), 'x');
    // a folder where the journal should be: the rename fails
    await mkdir(path);
    await writeFile(join(path, 'inside'), 'x');
    await expect(fileJournal(path).write(JOURNAL)).rejects.toBeDefined();
    expect((await readdir(folder)).sort()).toEqual(['taken', 'taken.keep']);
  });
});
