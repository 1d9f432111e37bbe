import type { RequestBody } from '../../../../src/http/transport.js';
import { ValidationError } from '../../../../src/errors/validation-error.js';
import { RecordSlicer } from '../../../../src/operations/ingest/slicing/record-slicer.js';
import { JobBody } from '../../../../src/operations/ingest/slicing/job-body.js';
import type { JobSlicer, SlicedJob } from '../../../../src/operations/ingest/slicing/sliced-job.js';

const base = {
  operation: 'insert' as const,
  externalIdField: undefined,
  columnDelimiter: 'COMMA' as const,
  lineEnding: 'LF' as const,
  matchBy: { kind: 'fields' as const },
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

async function* slowly<T>(items: T[]): AsyncGenerator<T> {
  for (const item of items) {
    await Promise.resolve();
    yield item;
  }
}

async function bodyText(data: RequestBody): Promise<string> {
  if (typeof data === 'string') return data;
  return data instanceof Uint8Array ? new TextDecoder().decode(data) : data.text();
}

describe('RecordSlicer', () => {
  it.each(['delete', 'hardDelete'] as const)('%s: sends only the Id, from a record or a bare id', async (operation) => {
    const input = [{ Id: '001000000000001AAA', Name: 'x' }, '001000000000002AAA'];
    const [only] = await all(new RecordSlicer(input, { ...base, operation, matchBy: { kind: 'id' } }));
    expect(only?.text).toBe('Id\n001000000000001AAA\n001000000000002AAA\n');
    const [streamed] = await all(new RecordSlicer(slowly(input), { ...base, operation, matchBy: { kind: 'id' } }));
    expect(streamed?.text).toBe('Id\n001000000000001AAA\n001000000000002AAA\n');
  });

  it('other operations send every column, and refuse a bare string in a stream', async () => {
    const [only] = await all(
      new RecordSlicer([{ Id: '001000000000001AAA', Name: 'x' }], {
        ...base,
        operation: 'update',
        matchBy: { kind: 'id' },
      }),
    );
    expect(only?.text).toBe('Id,Name\n001000000000001AAA,x\n');
    const slicer = new RecordSlicer(slowly(['001000000000002AAA']), {
      ...base,
      operation: 'update',
      matchBy: { kind: 'id' },
    });
    await expect(slicer.next()).rejects.toBeInstanceOf(ValidationError);
  });

  it('names the record that alone is larger than maxBytesPerJob', async () => {
    const slicer = new RecordSlicer([{ Name: 'a' }, { Name: 'x'.repeat(50) }], { ...base, maxBytesPerJob: 20 });
    expect((await slicer.next())?.recordCount).toBe(1);
    await expect(slicer.next()).rejects.toMatchObject({
      message: 'Record 1 alone is larger than maxBytesPerJob (20 bytes): it cannot be loaded',
      issues: [{ index: 1, message: 'record larger than maxBytesPerJob' }],
    });
  });

  it('an array input is not checked again record by record; a stream is', async () => {
    // the array was validated whole before (validate-records): the slicer takes it as it is
    const array = [{ 'Bad Name!': 'x' }];
    await expect(new RecordSlicer(array, base, array).next()).resolves.toBeDefined();
    await expect(new RecordSlicer(slowly(array), base).next()).rejects.toBeInstanceOf(ValidationError);
  });

  it('keeps the original records of an array input', () => {
    const array = [{ Name: 'a' }, 'bare', null];
    const slicer = new RecordSlicer(array, base, array);
    expect(slicer.original(0)).toBe(array[0]);
    expect(slicer.original(1)).toBeUndefined();
    expect(slicer.original(2)).toBeUndefined();
    expect(slicer.original(9)).toBeUndefined();
    expect(new RecordSlicer([], base).original(0)).toBeUndefined();
  });

  it('ends at the end of the input, and stays ended', async () => {
    const slicer = new RecordSlicer(slowly([{ Name: 'a' }]), base);
    expect((await slicer.next())?.recordCount).toBe(1);
    expect(await slicer.next()).toBeUndefined();
    expect(await slicer.next()).toBeUndefined();
  });

  it('close() stops reading a stream, once', async () => {
    let returned = 0;
    let read = 0;
    const input: AsyncIterable<unknown> = {
      [Symbol.asyncIterator]: () => ({
        next: async () => ({ done: false, value: { Name: `r${read++}` } }),
        return: async () => {
          returned += 1;
          return { done: true, value: undefined };
        },
      }),
    };
    const slicer = new RecordSlicer(input, { ...base, maxRecordsPerJob: 2 });
    expect((await slicer.next())?.recordCount).toBe(2);
    slicer.close();
    slicer.close();
    await new Promise((resolve) => setImmediate(resolve));
    expect(returned).toBe(1);
    const before = read;
    // the record already read is all that is left
    expect((await slicer.next())?.recordCount).toBe(1);
    expect(await slicer.next()).toBeUndefined();
    expect(read).toBe(before);
  });

  it('writes with the line ending and delimiter asked for', async () => {
    const [only] = await all(
      new RecordSlicer([{ A: '1', B: '2' }], { ...base, columnDelimiter: 'SEMICOLON', lineEnding: 'CRLF' }),
    );
    expect(only?.text).toBe('A;B\r\n1;2\r\n');
  });
});

describe('JobBody', () => {
  it('hands its bytes to the upload once, then refuses to be read', () => {
    const body = new JobBody('Name\na\n');
    expect(body.data).toBe('Name\na\n');
    expect(body.take()).toBe('Name\na\n');
    expect(() => body.data).toThrow('The job body was already uploaded and released');
    expect(() => body.take()).toThrow('The job body was already uploaded and released');
  });
});
