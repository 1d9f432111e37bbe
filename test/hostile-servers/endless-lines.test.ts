import type { ServerResponse } from 'node:http';
import { firstValueFrom, from, lastValueFrom, toArray } from 'rxjs';
import { DEFAULT_MAX_FIELD_CHARS, DEFAULT_MAX_ROW_CHARS } from '../../src/csv/csv-limits.js';
import { parseCsvStream } from '../../src/csv/csv-stream-parser.js';
import { ResponseLimitError } from '../../src/errors/response-limit-error.js';
import { getQueryResultsPage } from '../../src/api/query-api.js';
import { apiFor, clientFor, failureOf, JOB_ID, org } from './fake-org.js';
import { startHostileServer, type HostileServer } from './hostile-server.js';

// One endless line used to grow a string until V8 gave up with an untyped
// `RangeError: Invalid string length` (after half a gigabyte). The parser now refuses a row or
// a field past its limit with a ResponseLimitError naming it, having held at most that much.

let server: HostileServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const PAGE_HEADERS = { 'Content-Type': 'text/csv', 'Sforce-Locator': 'null', 'Sforce-NumberOfRecords': '2' };

/** A result page: a header, one good row, then a row that never ends. */
function endlessRow(opening: string, filler: string) {
  return (_request: unknown, res: ServerResponse, s: HostileServer): void => {
    res.writeHead(200, PAGE_HEADERS);
    res.write(`"Id","Name"\n"001xx0000000001AAA","Acme"\n${opening}`);
    void s.sendForever(res, filler.repeat(8192));
  };
}

async function rowsUntilFailure(client: ReturnType<typeof clientFor>): Promise<{ rows: unknown[]; error: unknown }> {
  const rows: unknown[] = [];
  const error = await failureOf(
    new Promise((resolve, reject) =>
      client.bulk
        .queryRecords('SELECT Id, Name FROM Account')
        .subscribe({ next: (row) => rows.push(row), error: reject, complete: () => resolve(undefined) }),
    ),
  );
  return { rows, error };
}

describe('a result row without end', () => {
  it('a line that never ends: ResponseLimitError at maxRowChars (the default), not a RangeError', async () => {
    server = await startHostileServer(org({ 'query.results': endlessRow('"001xx0000000002AAA","', 'x') }));
    const { rows, error } = await rowsUntilFailure(clientFor(server));
    expect(error).toBeInstanceOf(ResponseLimitError);
    expect(error).toMatchObject({ limit: 'maxRowChars', max: DEFAULT_MAX_ROW_CHARS });
    expect((error as Error).message).toMatch(/CSV row 2 is larger than maxRowChars \(4194304 characters\)/);
    expect(rows).toHaveLength(1);
    const report = await server.streams[0];
    expect(report?.closedByClient).toBe(true);
    expect(report?.bytes).toBeLessThan(DEFAULT_MAX_ROW_CHARS + 16 * 1024 * 1024);
  });

  it('a quoted field that never closes, line breaks and all: stopped the same way', async () => {
    server = await startHostileServer(org({ 'query.results': endlessRow('"001xx0000000002AAA","', 'line\n') }));
    const { error } = await rowsUntilFailure(clientFor(server));
    expect(error).toMatchObject({ name: 'ResponseLimitError', limit: 'maxRowChars' });
    expect((await server.streams[0])?.closedByClient).toBe(true);
  });

  it('honours smaller limits given to the parser, for fields and for rows', async () => {
    server = await startHostileServer(org({ 'query.results': endlessRow('"001xx0000000002AAA","', 'y') }));
    const response = await firstValueFrom(getQueryResultsPage(apiFor(server), { id: JOB_ID, apiVersion: 66 }, {}));
    const error = await failureOf(
      (async () => {
        for await (const rows of parseCsvStream(response.body, { maxRowChars: 64 * 1024 }))
          expect(rows).toHaveLength(1);
      })(),
    );
    expect(error).toMatchObject({ name: 'ResponseLimitError', limit: 'maxRowChars', max: 64 * 1024 });
    expect((await server.streams[0])?.bytes).toBeLessThan(64 * 1024 + 16 * 1024 * 1024);
  });

  it('refuses a complete row whose field is longer than maxFieldChars', async () => {
    const long = 'z'.repeat(2000);
    const rows = parseCsvStream([`"Id","Name"\n"1","${long}"\n`], { maxFieldChars: 1000 });
    const error = await failureOf(lastValueFrom(from(rows)));
    expect(error).toMatchObject({ name: 'ResponseLimitError', limit: 'maxFieldChars', max: 1000 });
    expect((error as Error).message).toMatch(/A field of CSV row 1 is larger than maxFieldChars/);
    expect(DEFAULT_MAX_FIELD_CHARS).toBeGreaterThan(131_072); // Salesforce's longest field fits
  });

  it('a hostile ingest result file fails the insert with the same error', async () => {
    server = await startHostileServer(
      org({
        'ingest.successfulResults': (_request, res, s) => {
          res.writeHead(200, { 'Content-Type': 'text/csv' });
          res.write('"sf__Id","sf__Created","Name"\n"001xx0000000001AAA","true","');
          void s.sendForever(res, 'A'.repeat(8192));
        },
      }),
    );
    const client = clientFor(server);
    const error = await failureOf(lastValueFrom(client.bulk.insert('Account', [{ Name: 'Acme' }]).pipe(toArray())));
    expect(error).toMatchObject({ name: 'ResponseLimitError', limit: 'maxRowChars' });
    expect((await server.streams[0])?.closedByClient).toBe(true);
  });
});
