import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { createGzip } from 'node:zlib';

/** A request as the server saw it (the body read whole, unless the server was told not to read it). */
export interface SeenRequest {
  readonly method: string;
  /** Path and query, e.g. `/services/data/v66.0/jobs/ingest/750.../batches`. */
  readonly path: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
}

/** Answers one request; may leave the response open forever (a dead server) or write without end. */
export type Handler = (request: SeenRequest, res: ServerResponse, server: HostileServer, raw: IncomingMessage) => void;

/** What one attack stream did: bytes written, and whether the client hung up (rather than the server ending). */
export interface StreamReport {
  readonly bytes: number;
  readonly closedByClient: boolean;
}

/** A real HTTP server on 127.0.0.1 that misbehaves on purpose. */
export interface HostileServer {
  readonly url: string;
  /** Every request received, in order. */
  readonly requests: readonly SeenRequest[];
  /** One report per attack stream (`sendForever`, `trickle`, `gzipForever`), settled once its connection closed. */
  readonly streams: Promise<StreamReport>[];
  /** Connections currently open. */
  openConnections(): number;
  /** Writes `chunk` again and again, honouring backpressure, until the client hangs up. */
  sendForever(res: ServerResponse, chunk: Buffer | string): Promise<StreamReport>;
  /** Writes `text` one byte every `intervalMs`, then keeps writing `filler` the same way, until the client hangs up. */
  trickle(res: ServerResponse, text: string, intervalMs: number, filler?: string): Promise<StreamReport>;
  /** Gzips `prefix`, then `chunk` repeated without end, into the response (`Content-Encoding` is the caller's choice). */
  gzipForever(res: ServerResponse, chunk: Buffer | string, prefix?: string): Promise<StreamReport>;
  /** Waits until no connection is open (a client that stopped reading must also close). */
  allClosed(timeoutMs?: number): Promise<void>;
  /** Destroys every connection and stops the server. */
  close(): Promise<void>;
}

/** Starts a server; `readBody: false` calls the handler without reading the request body (a server that never reads an upload). */
export async function startHostileServer(
  handler: Handler,
  options: { readonly readBody?: boolean } = {},
): Promise<HostileServer> {
  const readBody = options.readBody ?? true;
  const sockets = new Set<Socket>();
  const requests: SeenRequest[] = [];
  const streams: Promise<StreamReport>[] = [];
  const timers = new Set<NodeJS.Timeout>();

  const track = (res: ServerResponse, run: (write: (data: Buffer | string) => Promise<boolean>) => void) => {
    const report = new Promise<StreamReport>((resolve) => {
      let bytes = 0;
      let closed = false;
      res.on('close', () => {
        closed = true;
        resolve({ bytes, closedByClient: !res.writableEnded });
      });
      // resolves false once the client is gone: the attack stops there
      const write = (data: Buffer | string): Promise<boolean> => {
        if (closed || res.destroyed) return Promise.resolve(false);
        bytes += Buffer.byteLength(data);
        if (res.write(data)) return Promise.resolve(true);
        return new Promise((ok) => {
          const done = (): void => {
            res.off('drain', done);
            res.off('close', done);
            ok(!closed && !res.destroyed);
          };
          res.once('drain', done);
          res.once('close', done);
        });
      };
      run(write);
    });
    streams.push(report);
    return report;
  };

  const server: HostileServer = {
    url: '',
    requests,
    streams,
    openConnections: () => sockets.size,
    sendForever: (res, chunk) =>
      track(res, (write) => {
        void (async () => {
          while (await write(chunk)) {
            // a yield now and then, so the client's reads interleave with the attack
            await new Promise((r) => setImmediate(r));
          }
        })();
      }),
    trickle: (res, text, intervalMs, filler = ' ') =>
      track(res, (write) => {
        let i = 0;
        const tick = (): void => {
          const next = i < text.length ? text.charAt(i) : filler.charAt((i - text.length) % filler.length);
          i += 1;
          void write(next).then((open) => {
            if (!open) return;
            const timer = setTimeout(() => {
              timers.delete(timer);
              tick();
            }, intervalMs);
            timers.add(timer);
          });
        };
        tick();
      }),
    gzipForever: (res, chunk, prefix = '') =>
      track(res, (write) => {
        const gzip = createGzip();
        if (prefix) gzip.write(prefix);
        gzip.on('data', (data: Buffer) => {
          gzip.pause();
          void write(data).then((open) => (open ? gzip.resume() : gzip.destroy()));
        });
        res.on('close', () => gzip.destroy());
        const feed = (): void => {
          if (gzip.destroyed) return;
          if (gzip.write(chunk)) setImmediate(feed);
          else gzip.once('drain', feed);
        };
        feed();
      }),
    allClosed: async (timeoutMs = 5000) => {
      const start = Date.now();
      while (sockets.size > 0) {
        if (Date.now() - start > timeoutMs) throw new Error(`${sockets.size} connection(s) still open`);
        await new Promise((r) => setTimeout(r, 10));
      }
    },
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };

  const http = createServer((req, res) => {
    const seen = (body: string): SeenRequest => {
      const request: SeenRequest = { method: req.method ?? 'GET', path: req.url ?? '/', headers: req.headers, body };
      requests.push(request);
      return request;
    };
    if (!readBody) {
      handler(seen(''), res, server, req);
      return;
    }
    const parts: Buffer[] = [];
    req.on('data', (part: Buffer) => parts.push(part));
    req.on('end', () => handler(seen(Buffer.concat(parts).toString('utf8')), res, server, req));
  });
  http.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  Object.assign(server, { url: `http://127.0.0.1:${port}` });
  return server;
}

/** Sends a JSON answer. */
export function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': 'application/json;charset=UTF-8', ...headers });
  res.end(JSON.stringify(body));
}

/** Sends a CSV answer. */
export function csv(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': 'text/csv', ...headers });
  res.end(body);
}
