import { lastValueFrom, map, of } from 'rxjs';
import { ResponseLimitError } from '../../../src/errors/response-limit-error.js';
import { limitedTransport } from '../../../src/http/limited-transport.js';
import { DEFAULT_REQUEST_LIMITS, ERROR_BODY_BYTES, type RequestLimits } from '../../../src/http/request-limits.js';
import type { ByteStream, HttpRequest, Transport } from '../../../src/http/transport.js';
import { ascii, settle, testBody } from './byte-bodies.js';

// The sizes limitedTransport enforces on what it reads. No timer runs: idleTimeoutMs and deadlineMs
// are Infinity, so every wait here ends on its own or the test says it never should.
const LIMITS: RequestLimits = { ...DEFAULT_REQUEST_LIMITS, idleTimeoutMs: Infinity, maxJsonBytes: 10 };
const TEXT: HttpRequest = { method: 'GET', url: 'https://x.test/a?token=s3cret', headers: {}, responseType: 'text' };
const STREAM: HttpRequest = { ...TEXT, responseType: 'stream' };

function answering(status: number, body: ByteStream, limits: RequestLimits = LIMITS): Transport {
  return limitedTransport(() => of({ status, headers: {}, body }), limits);
}

function text(transport: Transport, request: HttpRequest = TEXT): Promise<string | ByteStream> {
  return lastValueFrom(transport(request).pipe(map((response) => response.body)));
}

describe('limitedTransport: text answers', () => {
  it.each([200, 201, 299])(
    'refuses a %i answer over maxJsonBytes, naming the request without its query',
    async (status) => {
      const read = text(answering(status, testBody([ascii(6), ascii(5)])));
      await expect(read).rejects.toThrow(ResponseLimitError);
      await expect(read).rejects.toMatchObject({
        limit: 'maxJsonBytes',
        max: 10,
        url: TEXT.url,
        message: 'The JSON body of GET https://x.test/a is larger than maxJsonBytes (10 bytes); reading stopped',
      });
    },
  );

  it('names a URL without a query whole', async () => {
    const read = text(answering(200, testBody([ascii(11)])), { ...TEXT, url: 'https://x.test/jobs' });
    await expect(read).rejects.toThrow('The JSON body of GET https://x.test/jobs is larger than maxJsonBytes');
  });

  it('leaves out everything from the first "?" of the URL, even at its start', async () => {
    const read = text(answering(200, testBody([ascii(11)])), { ...TEXT, url: '?token=s3cret' });
    await expect(read).rejects.toThrow('The JSON body of GET  is larger than maxJsonBytes');
  });

  it.each([199, 300, 404, 500])(
    'never refuses a %i answer for its size: its body only feeds an error message',
    async (status) => {
      await expect(text(answering(status, testBody([ascii(6), ascii(5)])))).resolves.toBe('a'.repeat(11));
    },
  );

  it('cuts an error body at 64 KiB, wherever the chunks end', async () => {
    const body = testBody([ascii(40_000), ascii(30_000, 'b'), ascii(10, 'c')]);
    const read = await text(answering(500, body));
    expect(read).toBe('a'.repeat(40_000) + 'b'.repeat(ERROR_BODY_BYTES - 40_000));
    expect(body.reads).toBe(2);
    expect(body.cancelled).toBe(true);
  });

  it('an error body of exactly 64 KiB ends the read: it does not wait for more', async () => {
    const body = testBody([ascii(60_000), ascii(ERROR_BODY_BYTES - 60_000, 'b')], 'stall');
    let read: unknown;
    const subscription = answering(
      500,
      body,
    )(TEXT).subscribe({
      next: (response) => (read = response.body),
      error: (error: unknown) => (read = error),
    });
    await settle();
    expect(read).toBe('a'.repeat(60_000) + 'b'.repeat(ERROR_BODY_BYTES - 60_000));
    expect(body.cancelled).toBe(true);
    subscription.unsubscribe();
  });

  it('decodes a UTF-8 character split between two chunks', async () => {
    const bytes = new TextEncoder().encode('ré');
    const body = testBody([bytes.subarray(0, 2), bytes.subarray(2)]);
    await expect(text(answering(200, body))).resolves.toBe('ré');
  });

  it('fails with the error of a read that fails', async () => {
    const failure = new Error('socket reset');
    await expect(text(answering(200, testBody([ascii(3)], failure)))).rejects.toBe(failure);
  });

  it('unsubscribing while the body is read releases the connection', async () => {
    const body = testBody([ascii(3)], 'stall');
    let failure: unknown;
    const subscription = answering(200, body)(TEXT).subscribe({ error: (error: unknown) => (failure = error) });
    await settle();
    expect(body.cancelled).toBe(false);
    subscription.unsubscribe();
    expect(body.cancelled).toBe(true);
    expect(failure).toBeUndefined();
  });
});

describe('limitedTransport: streamed answers', () => {
  it('refuses a body over maxBodyBytes, whatever the status', async () => {
    const limits = { ...LIMITS, maxJsonBytes: 1000, maxBodyBytes: 10 };
    for (const status of [200, 500]) {
      const body = await text(answering(status, testBody([ascii(6), ascii(5)]), limits), STREAM);
      if (typeof body === 'string') throw new Error('a streamed answer has a ByteStream body');
      const read = (async () => {
        for await (const chunk of body) expect(chunk.byteLength).toBeGreaterThan(0);
      })();
      await expect(read).rejects.toThrow(ResponseLimitError);
      await expect(read).rejects.toMatchObject({
        limit: 'maxBodyBytes',
        max: 10,
        message: 'The body of GET https://x.test/a is larger than maxBodyBytes (10 bytes); reading stopped',
      });
    }
  });
});
