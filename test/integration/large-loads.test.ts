import { createReadStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { from, lastValueFrom, toArray } from 'rxjs';
import type { BulkResult } from '../../src/models/bulk-result.js';
import { csvInput } from '../../src/operations/ingest/ingest-input.js';
import { toResult } from '../../operators/to-result.js';
import { eventually, startFixture, type EmulatorFixture } from '../support/emulator-client.js';

let fx: EmulatorFixture;
afterEach(async () => fx?.close());

const names = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    Name: `Acct ${i}`,
    Description: i % 5 === 0 ? `multi\nline, "${i}"` : `d${i}`,
  }));

function expectAccounted(result: BulkResult, input: readonly { Name: string }[]): void {
  expect(result.totalRecords).toBe(input.length);
  const seen = new Set<number>();
  for (const row of [...result.successRecords, ...result.failedRecords, ...result.unprocessedRecords]) {
    expect(row.matched).toBe(true);
    const index = row.inputIndex as number;
    expect(seen.has(index)).toBe(false);
    seen.add(index);
    expect(row.fields.Name).toBe(input[index]?.Name);
  }
  expect(seen.size).toBe(input.length);
}

describe('large loads against the emulator', () => {
  it('splits a generator input into several jobs, runs them concurrently, and ties every row back to its input index', async () => {
    fx = await startFixture();
    const input = names(2000);
    function* generate() {
      yield* input;
    }
    const events = await lastValueFrom(
      fx.client.bulk.insert('Account', generate(), { maxRecordsPerJob: 300, concurrency: 3 }).pipe(toArray()),
    );
    const result = (events[events.length - 1] as { result: BulkResult }).result;
    expect(fx.emulator.jobs.list()).toHaveLength(7);
    expect(result.jobs).toHaveLength(7);
    expect(result.successCount).toBe(2000);
    expectAccounted(result, input);
    expect(fx.emulator.org.records('Account')).toHaveLength(2000);
    // every job's events are labelled with its job id
    const ids = new Set(events.flatMap((e) => (e.type === 'job' ? [e.job.id] : [])));
    expect(ids).toEqual(new Set(result.jobs.map((j) => j.id)));
  });

  it('splits by bytes, with failures tied to the right input rows', async () => {
    fx = await startFixture();
    const input = names(500).map((r, i) => (i % 50 === 7 ? { ...r, Name: '' } : r)); // Name is required: these fail
    const result = await lastValueFrom(
      fx.client.bulk.insert('Account', input, { maxBytesPerJob: 1024 }).pipe(toResult()),
    );
    expect(result.jobs.length).toBeGreaterThan(3);
    expect(result.failedCount).toBe(10);
    expect(result.failedRecords.map((r) => r.inputIndex).sort((a, b) => (a as number) - (b as number))).toEqual([
      7, 57, 107, 157, 207, 257, 307, 357, 407, 457,
    ]);
    expect(result.failedRecords.every((r) => r.error.statusCode === 'REQUIRED_FIELD_MISSING')).toBe(true);
    expect(result.totalRecords).toBe(500);
  });

  it('accepts an async generator, an Observable, a CSV string, a Node Readable and a web ReadableStream', async () => {
    fx = await startFixture();
    const input = names(120);
    async function* asyncGen() {
      for (const r of input) yield r;
    }
    const csv =
      ['Name,Description', ...input.map((r) => `"${r.Name}","${r.Description.replace(/"/g, '""')}"`)].join('\n') + '\n';
    const dir = mkdtempSync(join(tmpdir(), 'kc-'));
    const file = join(dir, 'accounts.csv');
    writeFileSync(file, csv);
    try {
      const inputs: [string, unknown][] = [
        ['async generator', asyncGen()],
        ['Observable', from(input)],
        ['CSV string', csv],
        ['Node Readable', createReadStream(file, { highWaterMark: 97 })],
        ['web ReadableStream', Readable.toWeb(createReadStream(file, { highWaterMark: 101 }))],
        ['csvInput(Blob)', csvInput(new Blob([csv]))],
      ];
      for (const [label, source] of inputs) {
        const result = await lastValueFrom(
          fx.client.bulk.insert('Account', source as never, { maxRecordsPerJob: 50 }).pipe(toResult()),
        );
        expect({ label, success: result.successCount, jobs: result.jobs.length }).toEqual({
          label,
          success: 120,
          jobs: 3,
        });
        expectAccounted(result, input);
      }
      expect(fx.emulator.org.records('Account')).toHaveLength(720);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('updates and deletes from streams of ids, correlated by Id (duplicates first in, first out)', async () => {
    fx = await startFixture();
    const ids = fx.emulator.org.insert('Account', names(30));
    async function* updates() {
      for (const [i, Id] of ids.entries()) yield { Id, Name: `Renamed ${i}` };
    }
    const updated = await lastValueFrom(
      fx.client.bulk.update('Account', updates(), { maxRecordsPerJob: 7 }).pipe(toResult()),
    );
    expect(updated.successCount).toBe(30);
    for (const row of updated.successRecords)
      expect(row.id.slice(0, 15)).toBe(ids[row.inputIndex as number]?.slice(0, 15));
    const doubled = [...ids.slice(0, 3), ids[0] as string];
    const deleted = await lastValueFrom(fx.client.bulk.delete('Account', from(doubled)).pipe(toResult()));
    expect(deleted.totalRecords).toBe(4);
    expect([...deleted.successRecords, ...deleted.failedRecords].map((r) => r.inputIndex).sort()).toEqual([0, 1, 2, 3]);
    expect(fx.emulator.org.records('Account')).toHaveLength(27);
  });

  it('unsubscribing aborts every job of a split load that is still open, and stops reading the input', async () => {
    fx = await startFixture({ processing: { recordsPerSecond: 50, tickMs: 20 } });
    let read = 0;
    function* endless() {
      for (;;) {
        read++;
        yield { Name: `n${read}` };
      }
    }
    const sub = fx.client.bulk.insert('Account', endless(), { maxRecordsPerJob: 100, concurrency: 2 }).subscribe();
    await eventually(() => fx.emulator.jobs.list().filter((j) => j.state === 'InProgress').length === 2);
    sub.unsubscribe();
    await fx.client.whenSettled();
    const jobs = fx.emulator.jobs.list();
    expect(jobs).toHaveLength(2); // concurrency 2: no third job was started
    expect(jobs.map((j) => j.state)).toEqual(['Aborted', 'Aborted']);
    expect(read).toBeLessThanOrEqual(201); // input was read only as far as the running jobs needed
  });

  it('an empty stream is a ValidationError before any request', async () => {
    fx = await startFixture();
    const error = await lastValueFrom(fx.client.bulk.insert('Account', (async function* () {})())).catch(
      (e: unknown) => e,
    );
    expect((error as Error).name).toBe('ValidationError');
    expect(fx.emulator.stats().totalRequests).toBe(0);
  });

  it('resultRows: "failed" keeps failures and counts the successes', async () => {
    fx = await startFixture();
    const result = await lastValueFrom(
      fx.client.bulk
        .insert('Account', [{ Name: 'a' }, { Name: '' }, { Name: 'c' }], { resultRows: 'failed' })
        .pipe(toResult()),
    );
    expect(result.successCount).toBe(2);
    expect(result.successRecords).toHaveLength(0);
    expect(result.failedRecords).toHaveLength(1);
    expect(result.totalRecords).toBe(3);
  });
});
