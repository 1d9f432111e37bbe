import type { IncomingMessage } from 'node:http';
import { gunzipSync } from 'node:zlib';

/** A request body; `tooLarge` when it exceeded the limit (the excess was read and dropped). */
export interface RequestBody {
  readonly bytes: Buffer;
  readonly tooLarge: boolean;
}

/**
 * Reads a request body up to `limit` bytes. `Content-Encoding: gzip` request bodies (which
 * Salesforce accepts for uploads) are inflated.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<RequestBody> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('error', reject);
    req.on('end', () => {
      if (tooLarge) return resolve({ bytes: Buffer.alloc(0), tooLarge });
      let bytes = Buffer.concat(chunks);
      if (/gzip/i.test(String(req.headers['content-encoding'] ?? ''))) {
        try {
          bytes = gunzipSync(bytes, { maxOutputLength: limit });
        } catch {
          // Inflating past the limit (or a corrupt stream) is reported like an oversized body.
          return resolve({ bytes: Buffer.alloc(0), tooLarge: true });
        }
      }
      resolve({ bytes, tooLarge: false });
    });
  });
}
