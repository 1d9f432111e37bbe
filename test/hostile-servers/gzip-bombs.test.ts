import type { ServerResponse } from 'node:http';
import { firstValueFrom, lastValueFrom } from 'rxjs';
import { ResponseLimitError } from '../../src/errors/response-limit-error.js';
import { getIngestJob, getIngestResults } from '../../src/api/ingest-api.js';
import { apiFor, clientFor, drain, failureOf, JOB_ID, org } from './fake-org.js';
import { startHostileServer, type HostileServer } from './hostile-server.js';

// A gzip bomb: a small compressed reply that inflates without end (a 5 MB reply to a one-record
// insert inflated to 2 GiB of rows and killed the process). The servers below gzip repeated rows
// for as long as the client reads; the cap counts inflated bytes, so the client stops after
// `maxBodyBytes` of them, having received only a few kilobytes.

const ROWS = Buffer.from('"001xx0000000001AAA","true","Acme"\n'.repeat(4096));
/** Compressed bytes the sockets may hold on the way, plus what was sent before the client hung up. */
const COMPRESSED_BOUND = 8 * 1024 * 1024;

let server: HostileServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function bomb(contentEncoding: boolean) {
  return (_request: unknown, res: ServerResponse, s: HostileServer): void => {
    res.writeHead(200, { 'Content-Type': 'text/csv', ...(contentEncoding ? { 'Content-Encoding': 'gzip' } : {}) });
    void s.gzipForever(res, ROWS, '"sf__Id","sf__Created","Name"\n');
  };
}

describe('a gzip bomb', () => {
  it('is inflated as it is read and stopped at maxBodyBytes of inflated bytes (Content-Encoding: gzip)', async () => {
    server = await startHostileServer(org({ 'ingest.successfulResults': bomb(true) }));
    const api = apiFor(server, { maxBodyBytes: 4 * 1024 * 1024 });
    const response = await firstValueFrom(getIngestResults(api, { id: JOB_ID, apiVersion: 66 }, 'success'));
    const error = await failureOf(drain(response.body));
    expect(error).toBeInstanceOf(ResponseLimitError);
    expect(error).toMatchObject({ limit: 'maxBodyBytes', max: 4 * 1024 * 1024 });
    const report = await server.streams[0];
    expect(report?.closedByClient).toBe(true);
    expect(report?.bytes).toBeLessThan(COMPRESSED_BOUND);
  });

  it('is inflated and capped the same way when the transport hands over the compressed bytes', async () => {
    // no Content-Encoding: axios passes the gzip bytes through, and the client inflates them itself
    server = await startHostileServer(org({ 'ingest.successfulResults': bomb(false) }));
    const api = apiFor(server, { maxBodyBytes: 4 * 1024 * 1024 });
    const response = await firstValueFrom(getIngestResults(api, { id: JOB_ID, apiVersion: 66 }, 'success'));
    let inflated = 0;
    const error = await failureOf(
      (async () => {
        for await (const chunk of response.body) {
          inflated += chunk.byteLength;
          expect(chunk[0]).not.toBe(0x1f); // rows, not gzip
        }
      })(),
    );
    expect(error).toMatchObject({ name: 'ResponseLimitError', limit: 'maxBodyBytes' });
    expect(inflated).toBeGreaterThan(1024 * 1024);
    expect(inflated).toBeLessThanOrEqual(4 * 1024 * 1024);
    expect((await server.streams[0])?.closedByClient).toBe(true);
  });

  it('on a JSON endpoint, is stopped at maxJsonBytes of inflated bytes', async () => {
    server = await startHostileServer((_request, res, s) => {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' });
      void s.gzipForever(res, Buffer.from(' '.repeat(64 * 1024)));
    });
    const error = await failureOf(firstValueFrom(getIngestJob(apiFor(server), JOB_ID)));
    expect(error).toMatchObject({ name: 'ResponseLimitError', limit: 'maxJsonBytes', max: 64 * 1024 });
    expect((await server.streams[0])?.bytes).toBeLessThan(COMPRESSED_BOUND);
  });

  it('answering a one-record insert is read no further than the one row sent, instead of exhausting memory', async () => {
    server = await startHostileServer(org({ 'ingest.successfulResults': bomb(true) }));
    const client = clientFor(server, { requestLimits: { maxBodyBytes: 2 * 1024 * 1024 } });
    const error = await failureOf(lastValueFrom(client.bulk.insert('Account', [{ Name: 'Acme' }])));
    // the result files may not hold more rows than were sent: reading stops at the second row
    expect(error).toMatchObject({ name: 'ResultMismatchError', jobs: [{ sent: 1, extraRows: true }] });
    expect((await server.streams[0])?.closedByClient).toBe(true);
    await client.whenSettled();
  });
});
