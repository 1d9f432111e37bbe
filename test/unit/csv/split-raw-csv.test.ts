import { ValidationError } from '../../../src/errors/validation-error.js';
import { RawCsvSplitter, splitCsvRecords } from '../../../src/csv/split-raw-csv.js';

const SAMPLE = '\uFEFFId,Note,Name\r\n1,"a\r\nb ""q"" \n,c",Zoë 😀\r\n2,,""\r\n\r\n3,"""\n""",x';
const EXPECTED = ['Id,Note,Name\r\n', '1,"a\r\nb ""q"" \n,c",Zoë 😀\r\n', '2,,""\r\n', '3,"""\n""",x'];

async function collect(chunks: Iterable<string | Uint8Array> | AsyncIterable<string | Uint8Array>): Promise<string[]> {
  const out: string[] = [];
  for await (const record of splitCsvRecords(chunks, { lineEnding: 'CRLF' })) out.push(record);
  return out;
}

describe('splitCsvRecords', () => {
  it('yields the header, then each record exactly as written, never cutting a quoted field', async () => {
    expect(await collect([SAMPLE])).toEqual(EXPECTED);
  });

  it('gives the same records for a split at every text position', async () => {
    for (let i = 0; i <= SAMPLE.length; i++) {
      expect([i, await collect([SAMPLE.slice(0, i), SAMPLE.slice(i)])]).toEqual([i, EXPECTED]);
    }
  });

  it('gives the same records for a byte split at every position', async () => {
    const bytes = new TextEncoder().encode(SAMPLE);
    for (let i = 0; i <= bytes.length; i++) {
      expect([i, await collect([bytes.subarray(0, i), bytes.subarray(i)])]).toEqual([i, EXPECTED]);
    }
  });

  it('handles one character at a time with the sync splitter', () => {
    const splitter = new RawCsvSplitter();
    const out = [...SAMPLE].flatMap((ch) => splitter.push(ch));
    expect([...out, ...splitter.end()]).toEqual(EXPECTED);
  });

  it('yields nothing for empty input and the header alone for a header-only file', async () => {
    expect(await collect([])).toEqual([]);
    expect(await collect(['Id,Name\n'])).toEqual(['Id,Name\n']);
  });

  it('rejects input that ends inside a quoted field', async () => {
    await expect(collect(['Id,Note\n1,"open\n'])).rejects.toThrow(ValidationError);
  });

  it('rejects an unknown dialect', async () => {
    await expect(collect_(['a\n'], { lineEnding: 'CR' as never })).rejects.toThrow(ValidationError);
  });
});

async function collect_(chunks: string[], options: Parameters<typeof splitCsvRecords>[1]): Promise<string[]> {
  const out: string[] = [];
  for await (const record of splitCsvRecords(chunks, options)) out.push(record);
  return out;
}
