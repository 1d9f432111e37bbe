import { createWriteStream, type WriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import type { OutStream } from './cli-io.js';

/** Text output with backpressure: `write` resolves once the stream can take more. */
export interface Sink {
  /** Where the output goes, for messages (`-` for stdout). */
  readonly name: string;
  /** Bytes written so far (UTF-8). */
  readonly bytes: number;
  write(text: string): Promise<void>;
  /** Flushes and closes; a file sink then gets its final name. */
  end(): Promise<void>;
  /** Stops writing; a file sink removes its partial file. */
  abandon(): Promise<void>;
}

/**
 * A file written under `<path>.partial` and renamed to `path` by `end()`, so an interrupted or
 * failed export never leaves a file that looks complete. Resolves once the file is open: a path
 * that cannot be written fails here, before any job is created.
 */
export async function fileSink(path: string): Promise<Sink> {
  const partial = `${path}.partial`;
  const stream = await opened(createWriteStream(partial, { encoding: 'utf8' }));
  return new StreamSink(path, stream, {
    end: () => ended(stream).then(() => rename(partial, path)),
    abandon: () => destroyed(stream).then(() => rm(partial, { force: true })),
  });
}

/** A file written in place (result files, whose directory the summary names); resolves once open. */
export async function plainFileSink(path: string): Promise<Sink> {
  const stream = await opened(createWriteStream(path, { encoding: 'utf8' }));
  return new StreamSink(path, stream, { end: () => ended(stream), abandon: () => closedAsIs(stream) });
}

function opened(stream: WriteStream): Promise<WriteStream> {
  return new Promise((resolve, reject) => {
    const fail = (error: Error): void => reject(error);
    stream.once('error', fail).once('ready', () => {
      stream.removeListener('error', fail);
      resolve(stream);
    });
  });
}

function ended(stream: WriteStream): Promise<void> {
  return new Promise<void>((resolve, reject) =>
    stream.end((error?: Error | null) => (error ? reject(error) : resolve())),
  );
}

/** Closes a stream with what was written so far (never hangs on a stream that already failed). */
function closedAsIs(stream: WriteStream): Promise<void> {
  if (stream.closed || stream.destroyed) return Promise.resolve();
  return new Promise<void>((resolve) => stream.end(() => resolve()));
}

/**
 * Closes a stream without flushing. A stream that already failed has closed already: waiting for
 * its 'close' would hang, and a command whose promise never settles would exit 0 with no word.
 */
function destroyed(stream: WriteStream): Promise<void> {
  if (stream.closed) return Promise.resolve();
  return new Promise<void>((resolve) => stream.once('close', () => resolve()).destroy());
}

/** Standard output (left open: the process owns it). */
export function stdoutSink(stdout: OutStream): Sink {
  return new StreamSink('-', stdout, { end: () => flush(stdout), abandon: () => Promise.resolve() });
}

function flush(stream: OutStream): Promise<void> {
  return new Promise<void>((resolve, reject) => stream.write('', (error) => (error ? reject(error) : resolve())));
}

class StreamSink implements Sink {
  bytes = 0;
  private failure: Error | undefined;

  constructor(
    readonly name: string,
    private readonly stream: OutStream,
    private readonly finish: { end(): Promise<void>; abandon(): Promise<void> },
  ) {
    // recorded here, thrown by the next write: an unhandled 'error' event would crash the process
    stream.on('error', (error: Error) => (this.failure ??= error));
  }

  async write(text: string): Promise<void> {
    if (this.failure) throw this.failure;
    this.bytes += Buffer.byteLength(text, 'utf8');
    if (this.stream.write(text)) return;
    await new Promise<void>((resolve, reject) => {
      const done = (error?: Error): void => {
        this.stream.removeListener('drain', done);
        this.stream.removeListener('error', done);
        if (error) reject(error);
        else resolve();
      };
      this.stream.once('drain', done);
      this.stream.once('error', done);
    });
  }

  async end(): Promise<void> {
    if (this.failure) throw this.failure;
    await this.finish.end();
  }

  abandon(): Promise<void> {
    return this.finish.abandon();
  }
}
