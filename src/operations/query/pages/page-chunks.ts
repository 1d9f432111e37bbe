import type { ByteStream } from '../../../http/transport.js';
import { raceAbort } from '../abortable.js';

/** A body chunk: bytes, or text from a transport that decoded already. */
type Chunk = Uint8Array | string;

/**
 * Pulls the byte chunks of one result page, one `next()` at a time, so nothing is read
 * before the consumer asks. Salesforce compresses query results when asked (we always
 * ask); axios and browsers decode them, but a transport that hands over the raw gzip
 * bytes is decoded here too, detected by the gzip magic number (CSV never starts with it).
 */
export class PageChunks {
  private source: AsyncIterator<Chunk>;
  private started = false;
  private released = false;

  constructor(private readonly body: ByteStream | AsyncIterable<Chunk>) {
    this.source = body[Symbol.asyncIterator]();
  }

  /** The next chunk, or null at the end of the body; a fired signal stops waiting at once. */
  async next(signal: AbortSignal): Promise<Chunk | null> {
    const result = await raceAbort(this.source.next(), signal);
    if (result.done) return null;
    if (!this.started) {
      this.started = true;
      if (isGzip(result.value)) {
        this.source = gunzip(result.value, this.source);
        return this.next(signal);
      }
    }
    return result.value;
  }

  /**
   * Stops the download: destroys a Node stream body (which frees the socket even while a
   * read is pending) and ends the iterator. Safe to call more than once.
   */
  release(): void {
    if (this.released) return;
    this.released = true;
    const destroy = (this.body as { destroy?: unknown }).destroy;
    if (typeof destroy === 'function') (destroy as () => void).call(this.body);
    this.source.return?.()?.catch(() => undefined);
  }
}

function isGzip(chunk: Chunk): chunk is Uint8Array {
  return typeof chunk !== 'string' && chunk.length >= 2 && chunk[0] === 0x1f && chunk[1] === 0x8b;
}

/** Decodes a gzip body whose first chunk was already read. */
function gunzip(first: Uint8Array, rest: AsyncIterator<Chunk>): AsyncIterator<Uint8Array> {
  let sentFirst = false;
  const compressed = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!sentFirst) {
        sentFirst = true;
        controller.enqueue(first);
        return;
      }
      const result = await rest.next();
      if (result.done) controller.close();
      else controller.enqueue(typeof result.value === 'string' ? new TextEncoder().encode(result.value) : result.value);
    },
    async cancel() {
      await rest.return?.();
    },
  });
  const reader = compressed
    .pipeThrough(new DecompressionStream('gzip') as unknown as ReadableWritablePair<Uint8Array, Uint8Array>)
    .getReader();
  return {
    async next() {
      const { done, value } = await reader.read();
      return done ? { done: true, value: undefined } : { done: false, value };
    },
    async return() {
      await reader.cancel().catch(() => undefined);
      return { done: true, value: undefined };
    },
  };
}
