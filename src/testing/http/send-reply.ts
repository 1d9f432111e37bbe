import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip, gzipSync } from 'node:zlib';
import type { Reply } from './reply.js';

/** True when the client asked for gzip (`Accept-Encoding: gzip`). */
export function acceptsGzip(req: IncomingMessage): boolean {
  return /\bgzip\b/i.test(String(req.headers['accept-encoding'] ?? ''));
}

function bodyOf(reply: Reply, pretty: boolean): { body: string | undefined; type: string | undefined } {
  if (reply.json !== undefined) {
    return { body: JSON.stringify(reply.json, null, pretty ? 4 : undefined), type: 'application/json;charset=UTF-8' };
  }
  return { body: reply.text, type: undefined };
}

/**
 * Writes a Reply. Bodies are gzip-compressed when the request accepts gzip; streamed bodies go
 * through `pipeline`, which waits for the socket to drain, so a large CSV never sits in memory.
 */
export async function sendReply(
  req: IncomingMessage,
  res: ServerResponse,
  reply: Reply,
  extra: Record<string, string>,
): Promise<void> {
  const gzip = acceptsGzip(req);
  const pretty = String(req.headers['x-prettyprint'] ?? '') === '1';
  const headers: Record<string, string> = { ...extra, ...reply.headers };
  if (reply.stream) {
    if (gzip) headers['Content-Encoding'] = 'gzip';
    res.writeHead(reply.status, headers);
    const source = Readable.from(reply.stream(), { objectMode: false });
    const encode = gzip ? createGzip() : new Transform({ transform: (chunk, _enc, done) => done(null, chunk) });
    try {
      await pipeline(source, encode, res);
    } catch {
      // The client went away mid-download; nothing left to do.
    }
    return;
  }
  const { body, type } = bodyOf(reply, pretty);
  if (type && !headers['Content-Type']) headers['Content-Type'] = type;
  if (body === undefined || body === '') {
    res.writeHead(reply.status, headers);
    res.end();
    return;
  }
  const bytes = gzip ? gzipSync(body) : Buffer.from(body, 'utf8');
  if (gzip) headers['Content-Encoding'] = 'gzip';
  headers['Content-Length'] = String(bytes.length);
  res.writeHead(reply.status, headers);
  res.end(bytes);
}
