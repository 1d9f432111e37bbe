import fc from 'fast-check';
import { CsvJobWriter } from '../../../src/csv/csv-job-writer.js';
import { parseCsvStream } from '../../../src/csv/csv-stream-parser.js';
import { parseCsv } from '../../../src/csv/parse-csv.js';
import { recordsToCsv } from '../../../src/csv/records-to-csv.js';
import { RawCsvSplitter } from '../../../src/csv/split-raw-csv.js';
import { chunk, cuts, dialect, expectSameRecords, records, unionOfKeys } from './csv-arbitraries.js';

const RUNS = { numRuns: 150 };

describe('serialise → parse round trip (property)', () => {
  it('recordsToCsv → parseCsv gives back every record exactly', () => {
    fc.assert(
      fc.property(records, dialect, (input, options) => {
        const csv = recordsToCsv(input, options);
        if (input.length === 0) return expect(csv).toBe('');
        const lineEnding = options.lineEnding === 'CRLF' ? '\r\n' : '\n';
        expect(csv.endsWith(lineEnding)).toBe(true);
        const parsed = parseCsv(csv, options);
        expectSameRecords(parsed.columns, parsed.rows, input);
      }),
      RUNS,
    );
  });

  it('CsvJobWriter → parseCsvStream with random chunking gives back every record, with exact byte counts', async () => {
    await fc.assert(
      fc.asyncProperty(
        records,
        dialect,
        cuts,
        fc.integer({ min: 1, max: 64 }),
        async (input, options, at, chunkBytes) => {
          fc.pre(input.length > 0);
          const writer = new CsvJobWriter({ ...options, chunkBytes });
          let grown = 0;
          for (const record of input) {
            const predicted = writer.measure(record);
            const written = writer.write(record);
            expect(written).toBe(predicted);
            grown += written;
          }
          const done = await writer.finish();
          const bytes = new Uint8Array(await done.body.arrayBuffer());
          expect(done.byteLength).toBe(bytes.length);
          expect(grown).toBe(bytes.length);
          expect(new TextDecoder().decode(bytes)).toBe(recordsToCsv(input, options));
          expect(done.columns).toEqual(unionOfKeys(input));
          const rows: Record<string, string>[] = [];
          for await (const batch of parseCsvStream(chunk(bytes, at), options)) rows.push(...batch);
          expectSameRecords(done.columns, rows, input);
        },
      ),
      RUNS,
    );
  });

  it('RawCsvSplitter cuts serialised CSV into exactly its header and rows, whatever the chunking', () => {
    fc.assert(
      fc.property(records, dialect, cuts, (input, options, at) => {
        fc.pre(input.length > 0);
        const csv = recordsToCsv(input, options);
        const splitter = new RawCsvSplitter();
        const pieces: string[] = [];
        let from = 0;
        for (const point of [...new Set(at.map((n) => n % (csv.length + 1)))].sort((a, b) => a - b)) {
          pieces.push(...splitter.push(csv.slice(from, point)));
          from = point;
        }
        pieces.push(...splitter.push(csv.slice(from)), ...splitter.end());
        expect(pieces.join('')).toBe(csv);
        expect(pieces).toHaveLength(input.length + 1);
        // each piece is one complete row: parsing header + piece gives one record
        const header = pieces[0] ?? '';
        pieces.slice(1).forEach((piece, i) => {
          const parsed = parseCsv(header + piece, options);
          expectSameRecords(
            parsed.columns,
            parsed.rows,
            [input[i] ?? {}].map((r) => fill(r, parsed.columns)),
          );
        });
      }),
      RUNS,
    );
  });
});

/** The record with every column of the header present (absent ones as undefined), for a single-row comparison. */
function fill(record: Record<string, unknown>, columns: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const column of columns) Object.defineProperty(out, column, { value: record[column], enumerable: true });
  return out;
}
