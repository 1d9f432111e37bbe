import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { firstValueFrom, lastValueFrom, of } from 'rxjs';
import { AccessTokenAuthenticator, ConnectionError, keepaliveTransport, SalesforceClient } from 'kinetic-core';
import type { HttpRequest, Transport } from 'kinetic-core';
import { toResult } from 'kinetic-core/operators';
import { startBulkEmulator } from 'kinetic-core/testing';

// keepaliveTransport over real HTTP (Node's fetch): what it sends itself, what it hands to the
// fallback, and that a whole load and query run through it against the emulator.

interface Seen {
  readonly method: string;
  readonly url: string;
  readonly body: string;
  readonly headers: IncomingMessage['headers'];
}

let server: Server;
let base: string;
const seen: Seen[] = [];
let closedEarly = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      seen.push({
        method: req.method ?? '',
        url: req.url ?? '',
        body: Buffer.concat(chunks).toString(),
        headers: req.headers,
      });
      if (req.url === '/slow') {
        res.on('close', () => {
          if (!res.writableEnded) closedEarly += 1;
        });
        return; // never answered: the client gives up
      }
      res.writeHead(req.url === '/missing' ? 404 : 200, { 'Content-Type': 'application/json', 'X-Answer': 'yes' });
      res.end(JSON.stringify({ ok: req.url }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  seen.length = 0;
});

/** A fallback that answers by itself (status 299) and records what it was given. */
function recordingFallback(): { transport: Transport; requests: HttpRequest[] } {
  const requests: HttpRequest[] = [];
  const transport: Transport = (request) => {
    requests.push(request);
    return of({ status: 299, headers: {}, body: 'fallback' });
  };
  return { transport, requests };
}

const request = (over: Partial<HttpRequest>): HttpRequest => ({
  method: 'PATCH',
  url: `${base}/jobs/1`,
  headers: { 'Content-Type': 'application/json', 'Accept-Encoding': 'gzip' },
  body: '{"state":"Aborted"}',
  responseType: 'text',
  ...over,
});

describe('keepaliveTransport', () => {
  it('sends a small JSON call itself, with any status, lower-case headers and the body as text', async () => {
    const fallback = recordingFallback();
    const transport = keepaliveTransport({ fallback: fallback.transport });
    const ok = await firstValueFrom(transport(request({})));
    expect(ok.status).toBe(200);
    expect(ok.headers['x-answer']).toBe('yes');
    expect(ok.body).toBe('{"ok":"/jobs/1"}');
    const missing = await firstValueFrom(
      transport(request({ method: 'GET', url: `${base}/missing`, body: undefined })),
    );
    expect(missing.status).toBe(404);
    expect(seen.map((s) => [s.method, s.url, s.body])).toEqual([
      ['PATCH', '/jobs/1', '{"state":"Aborted"}'],
      ['GET', '/missing', ''],
    ]);
    expect(seen[0]?.headers['content-type']).toBe('application/json');
    expect(fallback.requests).toEqual([]);
  });

  it('sends byte bodies as they are', async () => {
    const transport = keepaliveTransport({ fallback: recordingFallback().transport });
    await firstValueFrom(transport(request({ method: 'PUT', body: new TextEncoder().encode('Name\nAcme\n') })));
    expect(seen[0]?.body).toBe('Name\nAcme\n');
  });

  it('hands bodies over maxBodyBytes (uploads) and CSV downloads (result files, pages) to the fallback', async () => {
    const fallback = recordingFallback();
    const transport = keepaliveTransport({ fallback: fallback.transport, maxBodyBytes: 10 });
    const big = await firstValueFrom(transport(request({ method: 'PUT', body: 'é'.repeat(6) }))); // 12 bytes in UTF-8
    const blob = await firstValueFrom(transport(request({ method: 'PUT', body: new Blob(['x'.repeat(11)]) })));
    const streamed = await firstValueFrom(
      transport(request({ method: 'GET', body: undefined, responseType: 'stream', headers: { Accept: 'text/csv' } })),
    );
    const small = await firstValueFrom(transport(request({ body: '0123456789' })));
    expect([big.status, blob.status, streamed.status, small.status]).toEqual([299, 299, 299, 200]);
    expect(fallback.requests.map((r) => r.responseType)).toEqual(['text', 'text', 'stream']);
    expect(seen).toHaveLength(1);
  });

  it('unsubscribing aborts the request, and a timeout is a ConnectionError', async () => {
    const transport = keepaliveTransport({ fallback: recordingFallback().transport });
    const subscription = transport(request({ url: `${base}/slow` })).subscribe();
    await waitFor(() => seen.length === 1);
    subscription.unsubscribe();
    await waitFor(() => closedEarly === 1);

    const error = await firstValueFrom(transport(request({ url: `${base}/slow`, timeoutMs: 50 }))).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as ConnectionError).code).toBe('ETIMEDOUT');
    await waitFor(() => closedEarly === 2);
  });

  it('no answer at all is a ConnectionError', async () => {
    const transport = keepaliveTransport({ fallback: recordingFallback().transport });
    const error = await firstValueFrom(transport(request({ url: 'http://127.0.0.1:1/jobs/1' }))).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as ConnectionError).message).toMatch(/^No response from PATCH http:\/\/127\.0\.0\.1:1\/jobs\/1: /);
  });

  it('runs a load and a query against the emulator (uploads and result files through the default fallback)', async () => {
    const emulator = await startBulkEmulator({ processing: 'instant' });
    try {
      const client = new SalesforceClient({
        auth: new AccessTokenAuthenticator({ instanceUrl: emulator.url, accessToken: emulator.accessToken }),
        transport: keepaliveTransport(),
        pollPolicy: { kind: 'fixed', intervalMs: 10 },
      });
      const rows = Array.from({ length: 2000 }, (_, i) => ({ Name: `Keepalive ${i}`, Description: 'x'.repeat(20) }));
      const result = await lastValueFrom(client.bulk.insert('Account', rows).pipe(toResult()));
      expect(result.successCount).toBe(2000);
      const queried = await lastValueFrom(
        client.bulk.query("SELECT Id FROM Account WHERE Name LIKE 'Keepalive%'").pipe(toResult()),
      );
      expect(queried.recordCount).toBe(2000);
      await client.whenSettled();
    } finally {
      await emulator.close();
    }
  });
});

async function waitFor(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in 5 s');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
