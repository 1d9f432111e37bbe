import type { RequestBody } from '../../../http/transport.js';

const encoder = new TextEncoder();

/**
 * A 64-bit FNV-1a checksum (two 32-bit lanes) of a job body, read as a stream: it tells whether
 * an input changed between a load and its resume. Not cryptographic: the input is the user's.
 */
export async function bodyChecksum(body: RequestBody): Promise<string> {
  const hash = new Fnv64();
  if (typeof body === 'string') hash.update(encoder.encode(body));
  else if (body instanceof Uint8Array) hash.update(body);
  else {
    const reader = body.stream().getReader();
    for (let step = await reader.read(); !step.done; step = await reader.read()) hash.update(step.value);
  }
  return hash.digest();
}

/** FNV-1a over bytes in two lanes with different offsets, 64 bits together. */
class Fnv64 {
  private a = 0x811c9dc5;
  private b = 0x050c5d1f;

  update(bytes: Uint8Array): void {
    let a = this.a;
    let b = this.b;
    for (let i = 0; i < bytes.length; i++) {
      const byte = bytes[i] ?? 0;
      a = Math.imul(a ^ byte, 0x01000193);
      b = Math.imul(b ^ byte, 0x01000193) ^ (a >>> 15);
    }
    this.a = a;
    this.b = b;
  }

  digest(): string {
    return (this.a >>> 0).toString(16).padStart(8, '0') + (this.b >>> 0).toString(16).padStart(8, '0');
  }
}

/** Bytes of a job body. */
export function bodySize(body: RequestBody): number {
  if (typeof body === 'string') return encoder.encode(body).length;
  if (body instanceof Uint8Array) return body.length;
  return body.size;
}
