import { isObservable, type Observable } from 'rxjs';
import { ValidationError } from '../../errors/validation-error.js';
import { webStreamBytes } from '../../http/web-stream-bytes.js';
import type { BulkRecord } from '../shared/bulk-event.js';

/** Raw CSV given as text, byte chunks (a Node `Readable`, any async iterable), a web `ReadableStream`, or a `Blob`/`File`. */
export type CsvSource =
  string | Blob | ReadableStream<Uint8Array> | AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>;

/** Marks raw CSV input explicitly (needed only for iterables of strings, which would otherwise be ids). */
export interface CsvInput {
  /** Marks the input as raw CSV. */
  readonly kind: 'csv';
  /** The CSV: text, a `Blob` or `File`, a web stream, or byte or text chunks. */
  readonly source: CsvSource;
}

/**
 * What an ingest operation accepts: records of any object type (interfaces included) in any
 * collection or stream, or raw CSV.
 */
export type IngestInput<R extends object = BulkRecord> =
  readonly R[] | Iterable<R> | AsyncIterable<R> | Observable<R> | CsvInput | string | Blob | ReadableStream<Uint8Array>;

/**
 * Wraps raw CSV (text, a file, a stream) as ingest input. The CSV is split into jobs without
 * being parsed into records, never inside a quoted field; its header is repeated in every job.
 *
 * @example
 * client.bulk.insert('Account', csvInput(fs.createReadStream('accounts.csv')));
 */
export function csvInput(source: CsvSource): CsvInput {
  return { kind: 'csv', source };
}

/** The input, normalised: records pulled one by one, or raw CSV chunks. */
export type NormalisedInput =
  | {
      readonly kind: 'records';
      readonly records: AsyncIterable<unknown> | Iterable<unknown>;
      readonly array?: readonly unknown[];
    }
  | { readonly kind: 'csv'; readonly chunks: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array> };

/** Tells records from raw CSV. Strings, Blobs, web streams and Node readables are CSV. */
export function normaliseInput(input: unknown): NormalisedInput {
  if (typeof input === 'string') return { kind: 'csv', chunks: [input] };
  if (isCsvInput(input)) return normaliseCsv(input.source);
  if (isBlob(input) || isWebStream(input) || isNodeReadable(input)) return normaliseCsv(input as CsvSource);
  if (Array.isArray(input)) return { kind: 'records', records: input, array: input };
  if (isObservable(input)) return { kind: 'records', records: observableToAsyncIterable(input) };
  if (input && typeof input === 'object' && (Symbol.asyncIterator in input || Symbol.iterator in input)) {
    return { kind: 'records', records: input as AsyncIterable<unknown> | Iterable<unknown> };
  }
  throw new ValidationError(
    'records must be an array, an iterable, an async iterable or an Observable of records, or raw CSV (csvInput)',
    [{ message: 'unsupported input', field: 'records' }],
  );
}

function normaliseCsv(source: CsvSource): NormalisedInput {
  if (typeof source === 'string') return { kind: 'csv', chunks: [source] };
  if (isBlob(source)) return { kind: 'csv', chunks: webStreamBytes(source.stream()) };
  if (isWebStream(source) && !(Symbol.asyncIterator in source)) return { kind: 'csv', chunks: webStreamBytes(source) };
  return { kind: 'csv', chunks: source as AsyncIterable<string | Uint8Array> };
}

function isCsvInput(value: unknown): value is CsvInput {
  return typeof value === 'object' && value !== null && (value as CsvInput).kind === 'csv' && 'source' in value;
}

function isBlob(value: unknown): value is Blob {
  return typeof Blob !== 'undefined' && value instanceof Blob;
}

function isWebStream(value: unknown): value is ReadableStream<Uint8Array> {
  return typeof value === 'object' && value !== null && typeof (value as ReadableStream).getReader === 'function';
}

function isNodeReadable(value: unknown): boolean {
  const v = value as { pipe?: unknown; read?: unknown; on?: unknown } | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof v.pipe === 'function' &&
    typeof v.read === 'function' &&
    typeof v.on === 'function'
  );
}

/**
 * Pulls from an Observable through a small queue. An Observable cannot be paused, so this
 * buffers what it pushes ahead of the loader; use an (async) iterable for true backpressure.
 */
async function* observableToAsyncIterable<T>(source: Observable<T>): AsyncGenerator<T> {
  const queue: T[] = [];
  let done = false;
  let failure: { error: unknown } | undefined;
  let wake: (() => void) | undefined;
  const subscription = source.subscribe({
    next: (value) => {
      queue.push(value);
      wake?.();
    },
    error: (error: unknown) => {
      failure = { error };
      wake?.();
    },
    complete: () => {
      done = true;
      wake?.();
    },
  });
  try {
    for (;;) {
      if (queue.length > 0) {
        yield queue.shift() as T;
        continue;
      }
      if (failure) throw failure.error;
      if (done) return;
      await new Promise<void>((resolve) => (wake = resolve));
      wake = undefined;
    }
  } finally {
    subscription.unsubscribe();
  }
}
