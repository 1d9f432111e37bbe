import { ResponseValidationError } from '../../../src/errors/response-validation-error.js';
import { CsvPushParser, type CsvRow } from '../../../src/csv/csv-push-parser.js';
import { parseCsvStream } from '../../../src/csv/csv-stream-parser.js';
import { parseCsv } from '../../../src/csv/parse-csv.js';
import type { CsvFormatOptions } from '../../../src/csv/delimiters.js';

// quoted CRLF and LF, delimiters and doubled quotes inside quotes, 2-, 3- and 4-byte characters,
// an empty quoted value, an unquoted row, and no final line ending
const TRICKY =
  '\uFEFF"Id","Note","Name"\r\n"1","a,b ""c""\r\nd","Zoë 😀 €"\r\n"2","","x\ny"\r\n3,plain,"""q"""\r\n"4",",\r\n,","end"';
const EXPECTED: CsvRow[] = [
  { Id: '1', Note: 'a,b "c"\r\nd', Name: 'Zoë 😀 €' },
  { Id: '2', Note: '', Name: 'x\ny' },
  { Id: '3', Note: 'plain', Name: '"q"' },
  { Id: '4', Note: ',\r\n,', Name: 'end' },
];
const BYTES = new TextEncoder().encode(TRICKY);
const OPTIONS: CsvFormatOptions = { lineEnding: 'CRLF' };

async function collect(
  chunks: Iterable<Uint8Array | string> | AsyncIterable<Uint8Array | string>,
  options = OPTIONS,
): Promise<CsvRow[]> {
  const rows: CsvRow[] = [];
  for await (const batch of parseCsvStream(chunks, options)) {
    expect(batch.length).toBeGreaterThan(0);
    rows.push(...batch);
  }
  return rows;
}

function pushAll(pieces: string[], options: CsvFormatOptions = OPTIONS): CsvRow[] {
  const parser = new CsvPushParser(options);
  const rows = pieces.flatMap((piece) => parser.push(piece));
  return [...rows, ...parser.end()];
}

describe('CsvPushParser', () => {
  it('parses the sample whole', () => {
    expect(parseCsv(TRICKY, OPTIONS).rows).toEqual(EXPECTED);
  });

  it('gives the same rows for a split at every text position', () => {
    for (let i = 0; i <= TRICKY.length; i++) {
      expect([i, pushAll([TRICKY.slice(0, i), TRICKY.slice(i)])]).toEqual([i, EXPECTED]);
    }
  });

  it('gives the same rows for splits at every pair of positions', () => {
    for (let i = 0; i <= TRICKY.length; i++) {
      for (let j = i; j <= TRICKY.length; j++) {
        const rows = pushAll([TRICKY.slice(0, i), TRICKY.slice(i, j), TRICKY.slice(j)]);
        if (JSON.stringify(rows) !== JSON.stringify(EXPECTED))
          throw new Error(`split at ${i} and ${j} gave ${JSON.stringify(rows)}`);
      }
    }
  });

  it('parses one character at a time, detecting the line ending', () => {
    expect(pushAll([...TRICKY.split('')], {})).toEqual(EXPECTED);
    const lf = '"Id","Note"\n"1","a\r\nb"\n2,x';
    expect(pushAll(lf.split(''), {})).toEqual([
      { Id: '1', Note: 'a\r\nb' },
      { Id: '2', Note: 'x' },
    ]);
  });

  it('returns rows as soon as they are complete, keeping only the unfinished one', () => {
    const parser = new CsvPushParser();
    expect(parser.push('"Id","Na')).toEqual([]);
    expect(parser.columns).toBeUndefined();
    expect(parser.push('me"\n"1","A"\n"2","B')).toEqual([{ Id: '1', Name: 'A' }]);
    expect(parser.columns).toEqual(['Id', 'Name']);
    expect(parser.push('"\n')).toEqual([{ Id: '2', Name: 'B' }]);
    expect(parser.end()).toEqual([]);
    expect(parser.rows).toBe(2);
  });

  it('rejects a row with the wrong field count as soon as it is complete', () => {
    const parser = new CsvPushParser();
    parser.push('a,b\n1,2\n');
    expect(() => parser.push('3\n')).toThrow(/row 2 has 1 fields/);
  });
});

describe('parseCsvStream', () => {
  it('gives the same rows for a byte split at every position (inside UTF-8 characters too)', async () => {
    for (let i = 0; i <= BYTES.length; i++) {
      expect([i, await collect([BYTES.subarray(0, i), BYTES.subarray(i)])]).toEqual([i, EXPECTED]);
    }
  });

  it('parses one byte at a time', async () => {
    const chunks = Array.from(BYTES, (byte) => Uint8Array.of(byte));
    expect(await collect(chunks)).toEqual(EXPECTED);
  });

  it('accepts string chunks and an async source', async () => {
    async function* source(): AsyncGenerator<string> {
      yield TRICKY.slice(0, 30);
      yield TRICKY.slice(30);
    }
    expect(await collect(source())).toEqual(EXPECTED);
  });

  it('yields rows before the source has ended (it really streams)', async () => {
    let pulled = 0;
    async function* source(): AsyncGenerator<Uint8Array> {
      const encoder = new TextEncoder();
      yield encoder.encode('Id\n1\n2\n');
      pulled++;
      yield encoder.encode('3\n');
      pulled++;
    }
    const iterator = parseCsvStream(source())[Symbol.asyncIterator]();
    const first = await iterator.next();
    expect(first.value).toEqual([{ Id: '1' }, { Id: '2' }]);
    expect(pulled).toBe(0);
    await iterator.return?.(undefined);
  });

  it('handles empty and header-only pages', async () => {
    expect(await collect([])).toEqual([]);
    expect(await collect([new Uint8Array(0)])).toEqual([]);
    expect(await collect([new TextEncoder().encode('"Id"\r\n')])).toEqual([]);
  });

  it('rejects a final unterminated quote', async () => {
    const cut = new TextEncoder().encode('"Id","Name"\n"1","Acme\n');
    await expect(collect([cut], {})).rejects.toThrow(ResponseValidationError);
  });

  it('rejects a truncated last row', async () => {
    await expect(collect([new TextEncoder().encode('"Id","Name"\n"1","A"\n"2"')], {})).rejects.toThrow(
      /row 2 has 1 fields/,
    );
  });
});
