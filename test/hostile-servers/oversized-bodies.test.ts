import type { ServerResponse } from 'node:http';
import { firstValueFrom, lastValueFrom, toArray } from 'rxjs';
import { ResponseLimitError } from '../../src/errors/response-limit-error.js';
import { ResponseValidationError } from '../../src/errors/response-validation-error.js';
import { ServerError } from '../../src/errors/server-error.js';
import { getIngestJob, getIngestResults } from '../../src/api/ingest-api.js';
import { apiFor, clientFor, drain, failureOf, JOB_ID, org } from './fake-org.js';
import { startHostileServer, type HostileServer } from './hostile-server.js';

// Each server below sends until the client hangs up. Before the caps, the client read on (an
// endless JSON body passed 3 GB): these tests then ran into jest's timeout. Now reading stops at
// the cap, the connection is closed, and the server got to send little more than the cap plus
// what the sockets buffer on the way.

/** Socket buffers on loopback can hold a few MB between the server's writes and the client's reads. */
const SOCKET_SLACK = 16 * 1024 * 1024;

let server: HostileServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const endlessJson = (res: ServerResponse, s: HostileServer): void => {
  res.writeHead(200, { 'Content-Type': 'application/json' });
  res.write('{"id":"750xx0000000001AAA","padding":"');
  void s.sendForever(res, 'x'.repeat(16 * 1024));
};

describe('a JSON answer without end', () => {
  it('stops at maxJsonBytes with a ResponseLimitError naming the limit, and closes the connection', async () => {
    server = await startHostileServer((_request, res, s) => endlessJson(res, s));
    const error = await failureOf(firstValueFrom(getIngestJob(apiFor(server, { maxJsonBytes: 64 * 1024 }), JOB_ID)));
    expect(error).toBeInstanceOf(ResponseLimitError);
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect(error).toMatchObject({ limit: 'maxJsonBytes', max: 65536 });
    expect((error as Error).message).toMatch(/JSON body of GET .* is larger than maxJsonBytes \(65536 bytes\)/);
    const report = await server.streams[0];
    expect(report?.closedByClient).toBe(true);
    expect(report?.bytes).toBeLessThan(64 * 1024 + SOCKET_SLACK);
  });

  it('is not retried (a bigger answer would not be a better one)', async () => {
    server = await startHostileServer((_request, res, s) => endlessJson(res, s));
    await failureOf(firstValueFrom(getIngestJob(apiFor(server, {}, { maxRetries: 3 }), JOB_ID)));
    expect(server.requests).toHaveLength(1);
  });

  it('honours the client option requestLimits.maxJsonBytes (a job listing without end)', async () => {
    server = await startHostileServer((_request, res, s) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.write('{"done":false,"records":[');
      void s.sendForever(res, `${JSON.stringify({ id: JOB_ID, state: 'Open', operation: 'insert', object: 'A' })},`);
    });
    const client = clientFor(server, { requestLimits: { maxJsonBytes: 32 * 1024 } });
    const error = await failureOf(lastValueFrom(client.bulk.listJobs({ kind: 'ingest' }).pipe(toArray())));
    expect(error).toMatchObject({ name: 'ResponseLimitError', limit: 'maxJsonBytes', max: 32 * 1024 });
    expect((await server.streams[0])?.closedByClient).toBe(true);
  });
});

describe('an error answer without end', () => {
  it('keeps the first 64 KiB for the message, then hangs up: a ServerError, not an endless read', async () => {
    server = await startHostileServer((_request, res, s) => {
      res.writeHead(503, { 'Content-Type': 'text/html' });
      res.write('<html><body><h1>Down for maintenance</h1>');
      void s.sendForever(res, '<p>sorry</p>'.repeat(1024));
    });
    const error = await failureOf(firstValueFrom(getIngestJob(apiFor(server), JOB_ID)));
    expect(error).toBeInstanceOf(ServerError);
    expect((error as Error).message).toMatch(/^ERROR_HTTP_503: Down for maintenance sorry/);
    const report = await server.streams[0];
    expect(report?.closedByClient).toBe(true);
    expect(report?.bytes).toBeLessThan(64 * 1024 + SOCKET_SLACK);
  });
});

describe('a result file without end', () => {
  it('stops at maxBodyBytes while it is read, and closes the connection', async () => {
    server = await startHostileServer(
      org({
        'ingest.successfulResults': (_request, res, s) => {
          res.writeHead(200, { 'Content-Type': 'text/csv' });
          res.write('"sf__Id","sf__Created","Name"\n');
          void s.sendForever(res, '"001xx0000000001AAA","true","Acme"\n'.repeat(512));
        },
      }),
    );
    const api = apiFor(server, { maxBodyBytes: 1024 * 1024 });
    const response = await firstValueFrom(getIngestResults(api, { id: JOB_ID, apiVersion: 66 }, 'success'));
    const error = await failureOf(drain(response.body));
    expect(error).toMatchObject({ name: 'ResponseLimitError', limit: 'maxBodyBytes', max: 1024 * 1024 });
    expect((error as Error).message).toMatch(/body of GET .*successfulResults is larger than maxBodyBytes/);
    const report = await server.streams[0];
    expect(report?.closedByClient).toBe(true);
    expect(report?.bytes).toBeLessThan(1024 * 1024 + SOCKET_SLACK);
  });
});
