import { parseCsv } from '../../../../src/csv/parse-csv.js';
import { ValidationError } from '../../../../src/errors/validation-error.js';
import { CsvSlicer } from '../../../../src/operations/ingest/slicing/csv-slicer.js';
import { RecordSlicer } from '../../../../src/operations/ingest/slicing/record-slicer.js';
import { rowHash } from '../../../../src/operations/ingest/correlation/row-key.js';
import type { JobSlicer, SlicedJob } from '../../../../src/operations/ingest/slicing/sliced-job.js';
import { JobBody } from '../../../../src/operations/ingest/slicing/job-body.js';
import { KineticError } from '../../../../src/errors/kinetic-error.js';

const base = {
  operation: 'insert' as const,
  externalIdField: undefined,
  columnDelimiter: 'COMMA' as const,
  lineEnding: 'LF' as const,
  matchBy: { kind: 'fields' as const },
};

async function all(slicer: JobSlicer): Promise<{ job: SlicedJob; text: string }[]> {
  const out: { job: SlicedJob; text: string }[] = [];
  for (let job = await slicer.next(); job; job = await slicer.next())
    out.push({ job, text: await (job.body.data as Blob).text() });
  return out;
}

async function* slowly<T>(items: T[]): AsyncGenerator<T> {
  for (const item of items) {
    await Promise.resolve();
    yield item;
  }
}

describe('RecordSlicer', () => {
  it('starts a new job before the byte limit, never cuts a record, repeats the header', async () => {
    const records = Array.from({ length: 50 }, (_, i) => ({
      Name: `Name ${i}`,
      Note: i % 3 === 0 ? 'line1\nline2, "quoted"' : 'x',
    }));
    const jobs = await all(new RecordSlicer(slowly(records), { ...base, maxBytesPerJob: 200, maxRecordsPerJob: 1e9 }));
    expect(jobs.length).toBeGreaterThan(5);
    let next = 0;
    for (const { job, text } of jobs) {
      expect((job.body.data as Blob).size).toBeLessThanOrEqual(200);
      expect(text.startsWith('Name,Note\n')).toBe(true);
      expect(job.start).toBe(next);
      const parsed = parseCsv(text);
      expect(parsed.rows).toEqual(records.slice(next, next + job.recordCount));
      next += job.recordCount;
    }
    expect(next).toBe(50);
  });

  it('cuts by row count', async () => {
    const jobs = await all(
      new RecordSlicer(
        Array.from({ length: 10 }, (_, i) => ({ Name: `n${i}` })),
        { ...base, maxBytesPerJob: 1e6, maxRecordsPerJob: 4 },
      ),
    );
    expect(jobs.map((j) => j.job.recordCount)).toEqual([4, 4, 2]);
  });

  it('refuses a single record larger than the limit with a clear error', async () => {
    const slicer = new RecordSlicer([{ Name: 'ok' }, { Name: 'x'.repeat(5000) }], {
      ...base,
      maxBytesPerJob: 1024,
      maxRecordsPerJob: 1e9,
    });
    const first = await slicer.next();
    expect(first?.recordCount).toBe(1);
    await expect(slicer.next()).rejects.toThrow(/Record 1 alone is larger than maxBytesPerJob \(1024 bytes\)/);
  });

  it('validates streamed records as they are read, naming the index', async () => {
    const slicer = new RecordSlicer(slowly([{ Id: '001xx000003DGb2AAG' }, { Name: 'no id' }]), {
      ...base,
      operation: 'update',
      matchBy: { kind: 'id' },
      maxBytesPerJob: 1e6,
      maxRecordsPerJob: 1e9,
    });
    const error = await slicer.next().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).index).toBe(1);
  });

  it('indexes rows for correlation by their echoed form', async () => {
    const [only] = await all(
      new RecordSlicer([{ Name: 'a', Amount: 1000 }, { Name: 'a', Amount: 1000 }, { Name: 'b' }], {
        ...base,
        maxBytesPerJob: 1e6,
        maxRecordsPerJob: 1e9,
      }),
    );
    const index = only!.job.index;
    const by = { kind: 'fields' } as const;
    // the echo re-serialises numbers (1000 -> 1000.0) and may order columns differently
    expect(index.take(rowHash({ Amount: '1000.0', Name: 'a' }, by))).toBe(0);
    expect(index.take(rowHash({ Name: 'a', Amount: '1000' }, by))).toBe(1);
    expect(index.take(rowHash({ Name: 'b', Amount: '' }, by))).toBe(2);
    expect(index.take(rowHash({ Name: 'a', Amount: '1000' }, by))).toBeUndefined();
  });
});

describe('CsvSlicer', () => {
  const csv = 'Name,Note\r\n"A","multi\r\nline"\r\nB,"has ""quotes"""\r\nC,plain\r\n"D","x,y"';

  it('splits raw CSV between records, never inside quoted newlines, header in every job', async () => {
    const chunks = csv.match(/.{1,3}/gs) ?? [];
    const jobs = await all(
      new CsvSlicer(slowly(chunks), { ...base, lineEnding: 'CRLF', maxBytesPerJob: 40, maxRecordsPerJob: 1e9 }),
    );
    expect(jobs.length).toBeGreaterThan(1);
    const rows = jobs.flatMap(({ text }) => {
      expect(text.startsWith('Name,Note\r\n')).toBe(true);
      expect(text.endsWith('\r\n')).toBe(true);
      return parseCsv(text, { lineEnding: 'CRLF' }).rows;
    });
    expect(rows).toEqual([
      { Name: 'A', Note: 'multi\r\nline' },
      { Name: 'B', Note: 'has "quotes"' },
      { Name: 'C', Note: 'plain' },
      { Name: 'D', Note: 'x,y' },
    ]);
    expect(jobs.map((j) => j.job.start)).toEqual(
      jobs.map((_, i) => jobs.slice(0, i).reduce((n, j) => n + j.job.recordCount, 0)),
    );
  });

  it('refuses a header without the Id column for a delete, before reading on', async () => {
    const slicer = new CsvSlicer(['Name\nx\n'], {
      ...base,
      operation: 'delete',
      matchBy: { kind: 'id' },
      maxBytesPerJob: 1e6,
      maxRecordsPerJob: 1e9,
    });
    await expect(slicer.next()).rejects.toThrow(/no Id column/);
  });

  it('accepts bytes split inside multi-byte characters', async () => {
    const bytes = new TextEncoder().encode('Name\n"Zoë 🎉"\nÅsa\n');
    const chunks = Array.from(bytes, (b) => Uint8Array.of(b));
    const [only] = await all(new CsvSlicer(chunks, { ...base, maxBytesPerJob: 1e6, maxRecordsPerJob: 1e9 }));
    expect(parseCsv(only!.text).rows).toEqual([{ Name: 'Zoë 🎉' }, { Name: 'Åsa' }]);
  });
});

describe('JobBody', () => {
  it('hands its bytes to one upload, then refuses them', () => {
    const body = new JobBody('Name\na\n');
    expect(body.data).toBe('Name\na\n');
    expect(body.take()).toBe('Name\na\n');
    expect(() => body.data).toThrow(KineticError);
    expect(() => body.take()).toThrow('The job body was already uploaded and released');
  });

  it('tells every waiter once it is settled, and later ones at once', async () => {
    const body = new JobBody('x');
    const woken: string[] = [];
    const first = body.settled().then(() => woken.push('first'));
    const second = body.settled().then(() => woken.push('second'));
    await Promise.resolve();
    expect(woken).toEqual([]);
    body.settle();
    body.settle();
    await Promise.all([first, second]);
    expect(woken).toEqual(['first', 'second']);
    await expect(body.settled()).resolves.toBeUndefined();
    // settling does not drop bytes an upload has not taken yet (a resumed job keeps them)
    expect(body.data).toBe('x');
  });
});
