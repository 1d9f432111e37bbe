import type { SchedulerLike } from 'rxjs';
import { gunzipBytes, isGzip } from './gunzip-bytes.js';
import { ReadWatchdog } from './read-watchdog.js';
import type { ByteStream } from './transport.js';

/** How one body is read. */
export interface BodyGuard {
  /** Longest wait for the next chunk while the reader waits for one (`Infinity`: none). */
  readonly idleTimeoutMs: number;
  /** Scheduler time at which reading must have ended (`Infinity`: never). */
  readonly deadlineAt: number;
  readonly scheduler: SchedulerLike;
  /** Bytes (after inflation) after which reading stops with `overLimit()`. */
  readonly maxBytes: number;
  /** The error for a stall (`idle`) or an overrun deadline. */
  readonly timedOut: (kind: 'idle' | 'deadline') => Error;
  /** The error for a body over `maxBytes`. */
  readonly overLimit: () => Error;
}

/** A body whose reads are bounded in time and size; `cancel()` releases the connection. */
export interface GuardedBody extends ByteStream {
  cancel(): void;
}

type Chunk = Uint8Array | string;
const DONE: IteratorReturnResult<undefined> = Object.freeze({ done: true, value: undefined });

/**
 * Wraps a response body so that each read waits at most `idleTimeoutMs` (and never past the
 * deadline), a gzip body that the transport left compressed is inflated as it is read, and the
 * (inflated) body is at most `maxBytes` long. The timers run on the scheduler and only while a
 * read is pending: a slow consumer is not a stalled server. On a breach, on `cancel()` and on
 * the iterator's `return()` (the end of a `for await` loop) the source is released at once,
 * even while a read is pending: its `cancel()` closes the connection, so a stalled or endless
 * body stops.
 */
export function guardBody(body: string | ByteStream, guard: BodyGuard): GuardedBody {
  const source: ByteStream = typeof body === 'string' ? textChunk(body) : body;
  let chunks: AsyncIterator<Chunk> | undefined;
  let started = false;
  let released = false;
  let total = 0;
  const watchdog = new ReadWatchdog(guard);

  const release = (): void => {
    if (released) return;
    released = true;
    watchdog.stop();
    source.cancel?.();
    // not awaited: a source generator stuck on a read finishes once the cancel above ends it
    chunks?.return?.()?.catch(() => undefined);
  };

  const read = async (): Promise<IteratorResult<Uint8Array>> => {
    chunks ??= source[Symbol.asyncIterator]();
    const result = await watchdog.watch(chunks.next());
    if (result.done) return DONE;
    const bytes = typeof result.value === 'string' ? new TextEncoder().encode(result.value) : result.value;
    if (!started) {
      started = true;
      // CSV and JSON never start with the gzip magic number: a transport handed over compressed bytes
      if (isGzip(bytes)) {
        chunks = gunzipBytes(bytes, chunks);
        return read();
      }
    }
    return { done: false, value: bytes };
  };

  const iterator: AsyncIterator<Uint8Array> = {
    async next() {
      if (released) return DONE;
      try {
        const result = await read();
        if (result.done) {
          released = true;
          watchdog.stop();
          return DONE;
        }
        total += result.value.byteLength;
        if (total > guard.maxBytes) throw guard.overLimit();
        return result;
      } catch (error) {
        release();
        throw error;
      }
    },
    async return() {
      release();
      return DONE;
    },
  };
  return { [Symbol.asyncIterator]: () => iterator, cancel: release };
}

/** A body that arrived whole (a transport that ignores `stream`), as one chunk. */
function textChunk(text: string): ByteStream {
  return {
    async *[Symbol.asyncIterator]() {
      if (text) yield new TextEncoder().encode(text);
    },
  };
}
