import axios from 'axios';
import { firstValueFrom, lastValueFrom, toArray, VirtualTimeScheduler } from 'rxjs';
import { ClientCredentialsAuthenticator } from '../../src/auth/client-credentials.js';
import { requestToken } from '../../src/auth/token-endpoint.js';
import { SecretSet } from '../../src/errors/secret-set.js';
import { ConnectionError } from '../../src/errors/connection-error.js';
import { RequestTimeoutError } from '../../src/errors/request-timeout-error.js';
import { axiosTransport } from '../../src/http/axios-transport.js';
import { getIngestJob, getIngestResults, uploadJobData } from '../../src/api/ingest-api.js';
import { getQueryResultsPage } from '../../src/api/query-api.js';
import { apiFor, clientFor, DATA, drain, failureOf, JOB_ID, jobInfo, org } from './fake-org.js';
import { startHostileServer, type HostileServer } from './hostile-server.js';

// Every case here hung for ever before requests had an idle timeout (the test then failed on
// jest's 30 s timeout); each now ends within about one idle timeout (300 ms).

let server: HostileServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Never answers: headers never come. */
const silent = (): void => undefined;

describe('a server that never answers', () => {
  it('fails a job creation with RequestTimeoutError after idleTimeoutMs, sends it once, and closes the connection', async () => {
    server = await startHostileServer(org({ 'ingest.create': silent }));
    const client = clientFor(server);
    const started = Date.now();
    const error = await failureOf(lastValueFrom(client.bulk.insert('Account', [{ Name: 'Acme' }])));
    expect(error).toBeInstanceOf(RequestTimeoutError);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({ name: 'RequestTimeoutError', kind: 'idle', timeoutMs: 300, code: 'ETIMEDOUT' });
    expect((error as RequestTimeoutError).requestSent).toBe(true);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(server.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
    await server.allClosed();
  });

  it('does not resend a timed-out creation blindly (it may have reached the server), but resends a read', async () => {
    server = await startHostileServer(silent);
    const api = apiFor(server, {}, { maxRetries: 2 });
    const create = await failureOf(
      firstValueFrom(api.text({ method: 'POST', path: `${DATA}/jobs/ingest`, body: '{}', idempotent: false })),
    );
    expect(create).toBeInstanceOf(RequestTimeoutError);
    expect(server.requests).toHaveLength(1);
    const read = await failureOf(firstValueFrom(getIngestJob(api, JOB_ID)));
    expect(read).toBeInstanceOf(RequestTimeoutError);
    expect(server.requests).toHaveLength(4); // 1 + 1 + 2 retries
    await server.allClosed();
  });

  it('fails an upload the server never answers', async () => {
    server = await startHostileServer(org({ 'ingest.upload': silent }), { readBody: false });
    const error = await failureOf(lastValueFrom(uploadJobData(apiFor(server), JOB_ID, '"Name"\n"Acme"\n')));
    expect(error).toBeInstanceOf(RequestTimeoutError);
    await server.allClosed();
  });

  it('bounds the wait of a token request the same way (client credentials)', async () => {
    server = await startHostileServer(silent);
    const auth = new ClientCredentialsAuthenticator({
      loginUrl: server.url,
      clientId: 'cid',
      clientSecret: 'client-secret-never-answered',
    });
    const client = clientFor(server, {}, auth);
    const error = await failureOf(lastValueFrom(client.bulk.listJobs().pipe(toArray())));
    expect(error).toBeInstanceOf(RequestTimeoutError);
    expect((error as RequestTimeoutError).url).toBe(`${server.url}/services/oauth2/token`);
    await server.allClosed();
  });

  it('bounds a token request of a flow given its own transport with the default limits (60 s)', async () => {
    server = await startHostileServer(silent);
    // the default idle timeout is 60 s: run it in virtual time, over a real socket
    const scheduler = new VirtualTimeScheduler();
    const pending = requestToken(axiosTransport(), {
      flow: 'client credentials',
      loginUrl: server.url,
      form: { grant_type: 'client_credentials' },
      allowInsecure: false,
      secrets: new SecretSet(),
      scheduler,
    });
    await waitFor(() => server?.requests.length === 1);
    scheduler.flush();
    const error = await failureOf(pending);
    expect(error).toMatchObject({ name: 'RequestTimeoutError', timeoutMs: 60_000 });
    await server.allClosed();
  });
});

describe('a server that stalls in the middle of a body', () => {
  it('times out a JSON answer whose body stops after a few bytes, and retries the read', async () => {
    server = await startHostileServer((_request, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.write('{"id":"750'); // and nothing more
    });
    const error = await failureOf(firstValueFrom(getIngestJob(apiFor(server, {}, { maxRetries: 1 }), JOB_ID)));
    expect(error).toMatchObject({ name: 'RequestTimeoutError', kind: 'idle' });
    expect((error as Error).message).toMatch(/waiting for the response body of GET/);
    expect(server.requests).toHaveLength(2);
    await server.allClosed();
  });

  it('times out a result file sent at one byte per second, and stops the download', async () => {
    server = await startHostileServer(
      org({
        'ingest.successfulResults': (_request, res, s) => {
          res.writeHead(200, { 'Content-Type': 'text/csv' });
          void s.trickle(res, '"sf__Id","sf__Created","Name"\n', 1000);
        },
      }),
    );
    const response = await firstValueFrom(getIngestResults(apiFor(server), { id: JOB_ID, apiVersion: 66 }, 'success'));
    const error = await failureOf(drain(response.body));
    expect(error).toMatchObject({ name: 'RequestTimeoutError', kind: 'idle' });
    const report = await server.streams[0];
    expect(report?.closedByClient).toBe(true);
    expect(report?.bytes).toBeLessThan(5);
  });

  it('times out a query page that stalls after its first rows, through queryRecords', async () => {
    server = await startHostileServer(
      org({
        'query.results': (_request, res) => {
          res.writeHead(200, { 'Content-Type': 'text/csv', 'Sforce-Locator': 'null', 'Sforce-NumberOfRecords': '3' });
          res.write('"Id","Name"\n"001xx0000000001AAA","Acme"\n"001xx0000000002AAA","Ac');
        },
      }),
    );
    const rows: unknown[] = [];
    const error = await failureOf(
      new Promise((resolve, reject) =>
        clientFor(server!)
          .bulk.queryRecords('SELECT Id, Name FROM Account')
          .subscribe({ next: (row) => rows.push(row), error: reject, complete: () => resolve(undefined) }),
      ),
    );
    expect(error).toBeInstanceOf(RequestTimeoutError);
    expect(rows).toHaveLength(1);
    await server.allClosed();
  });

  it('still times out a stalled body with a caller axios instance whose own timeout only covers the headers', async () => {
    server = await startHostileServer((_request, res) => {
      res.writeHead(200, { 'Content-Type': 'text/csv' });
      res.write('"Id"\n');
    });
    const transport = axiosTransport({ instance: axios.create({ timeout: 10_000 }) });
    const response = await firstValueFrom(
      getQueryResultsPage(apiFor(server, {}, {}, transport), { id: JOB_ID, apiVersion: 66 }, {}),
    );
    const started = Date.now();
    expect(await failureOf(drain(response.body))).toBeInstanceOf(RequestTimeoutError);
    expect(Date.now() - started).toBeLessThan(5000);
    await server.allClosed();
  });

  it('fails a trickle that never goes idle at the deadline', async () => {
    server = await startHostileServer((_request, res, s) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      void s.trickle(res, JSON.stringify(jobInfo('ingest', 'Open')), 50);
    });
    // a long idle timeout, so only the deadline can end it however busy the machine is
    const api = apiFor(server, { deadlineMs: 400, idleTimeoutMs: 5000 });
    const started = Date.now();
    const error = await failureOf(firstValueFrom(getIngestJob(api, JOB_ID)));
    expect(error).toMatchObject({ name: 'RequestTimeoutError', kind: 'deadline', timeoutMs: 400 });
    expect(Date.now() - started).toBeLessThan(3000);
    await server.allClosed();
  });
});

describe('a slow but live exchange', () => {
  it('is not cut by the idle timeout while the upload keeps moving (upload progress restarts it)', async () => {
    const size = 32 * 1024 * 1024;
    const bytesPerMs = (20 * 1024 * 1024) / 1000;
    let received = 0;
    // reads the upload at 20 MB/s: it takes about 1.6 s, twice the idle timeout, while what the
    // sockets buffer (a few MB) drains in a fraction of it once the client has sent everything
    server = await startHostileServer(
      (_request, res, _server, raw) => {
        const started = Date.now();
        raw.on('data', (chunk: Buffer) => {
          received += chunk.length;
          if (received >= size) {
            res.writeHead(201).end();
            return;
          }
          const ahead = received / bytesPerMs - (Date.now() - started);
          if (ahead > 0) {
            raw.pause();
            setTimeout(() => raw.resume(), ahead);
          }
        });
      },
      { readBody: false },
    );
    const api = apiFor(server, { idleTimeoutMs: 800 });
    const started = Date.now();
    await lastValueFrom(uploadJobData(api, JOB_ID, new Uint8Array(size)), { defaultValue: undefined });
    expect(Date.now() - started).toBeGreaterThan(800);
    expect(received).toBe(size);
  });
});

async function waitFor(predicate: () => boolean, timeoutMs = 5000): Promise<void> {
  const start = Date.now();
  while (!predicate()) {
    if (Date.now() - start > timeoutMs) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}
