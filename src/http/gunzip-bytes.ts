/**
 * Compressed bytes are fed to the inflater this many at a time: gzip inflates at most about
 * 1,032 to 1, so one step produces at most about 4 MiB however the server chunked its bomb.
 */
const SLICE_BYTES = 4096;

/** Whether a body's first bytes are the gzip magic number (CSV and JSON never start with it). */
export function isGzip(chunk: Uint8Array): boolean {
  return chunk.length >= 2 && chunk[0] === 0x1f && chunk[1] === 0x8b;
}

/**
 * Inflates a gzip body whose first chunk was already read, as it is pulled: the platform's
 * `DecompressionStream` (Node 18+, browsers), fed in small slices only when the reader asks, so
 * memory stays flat and the caller can count (and cap) the inflated bytes. `return()` cancels
 * the inflater and the source.
 */
export function gunzipBytes(first: Uint8Array, rest: AsyncIterator<Uint8Array | string>): AsyncIterator<Uint8Array> {
  let pending: Uint8Array | undefined = first;
  const compressed = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (!pending || pending.length === 0) {
          const result = await rest.next();
          if (result.done) {
            controller.close();
            return;
          }
          pending = typeof result.value === 'string' ? new TextEncoder().encode(result.value) : result.value;
        }
        controller.enqueue(pending.subarray(0, SLICE_BYTES));
        pending = pending.subarray(SLICE_BYTES);
      },
      async cancel() {
        await rest.return?.();
      },
    },
    { highWaterMark: 0 },
  );
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
