import type { ByteStream } from '../../../src/http/transport.js';

/** A response body for transport tests; `cancelled` tells whether the connection was released. */
export interface TestBody extends ByteStream {
  readonly cancelled: boolean;
  /** How many chunks the reader asked for. */
  readonly reads: number;
}

/**
 * A body that yields `chunks`, then ends, or with `then: 'stall'` never answers again, or with an
 * Error fails the next read with it.
 */
export function testBody(chunks: readonly Uint8Array[], then: 'end' | 'stall' | Error = 'end'): TestBody {
  let cancelled = false;
  let reads = 0;
  return {
    get cancelled() {
      return cancelled;
    },
    get reads() {
      return reads;
    },
    cancel() {
      cancelled = true;
    },
    [Symbol.asyncIterator](): AsyncIterator<Uint8Array> {
      let next = 0;
      return {
        async next() {
          reads++;
          const chunk = chunks[next++];
          if (chunk) return { done: false, value: chunk };
          if (then === 'end') return { done: true, value: undefined };
          if (then === 'stall') return new Promise(() => undefined);
          throw then;
        },
      };
    },
  };
}

/** `n` bytes of the ASCII character `char`. */
export function ascii(n: number, char = 'a'): Uint8Array {
  return new TextEncoder().encode(char.repeat(n));
}

/** Lets pending promise callbacks run (no timer is involved). */
export const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
