import { constants, type WriteStream } from 'node:fs';
import { lstat, open, rename, rm } from 'node:fs/promises';
import type { OutStream } from './cli-io.js';
import { errorCode, OutputFileError, outputFileError } from './file-errors.js';

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

/** Files the command writes can hold customer data: readable by their owner only. */
export const FILE_MODE = 0o600;

/**
 * Create, never open: fails on any existing file, and on a symbolic link (a link counts as an
 * existing name, and O_NOFOLLOW refuses one where the platform has it).
 */
const CREATE_NEW = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0);

/**
 * A file written under `<path>.partial` and renamed to `path` by `end()`, so an interrupted or
 * failed write never leaves a file that looks complete. Resolves once the partial file exists: a
 * path that cannot be written fails here, before any job is created.
 *
 * The partial file is created new (mode 0600, never through a symbolic link, never over a file
 * already there: a `.partial` left by an earlier run is reported, not emptied). The final name
 * may hold a regular file from an earlier run, which the rename replaces without writing into
 * it; a symbolic link or anything else there is refused, before and again at the rename.
 */
export async function fileSink(path: string): Promise<Sink> {
  await checkReplaceable(path);
  const partial = `${path}.partial`;
  const handle = await open(partial, CREATE_NEW, FILE_MODE).catch((error: unknown) => {
    throw errorCode(error) === 'EEXIST'
      ? new OutputFileError(
          partial,
          'EEXIST',
          `cannot create ${partial}: it already exists (left by an interrupted run? remove it)`,
        )
      : outputFileError(partial, error, 'create');
  });
  const stream = handle.createWriteStream({ encoding: 'utf8' });
  return new StreamSink(path, stream, {
    end: async () => {
      await ended(stream).catch((error: unknown) => {
        throw outputFileError(path, error);
      });
      await checkReplaceable(path);
      await rename(partial, path).catch((error: unknown) => {
        throw outputFileError(path, error);
      });
    },
    abandon: () => destroyed(stream).then(() => rm(partial, { force: true })),
  });
}

/** The final name is free, or holds a regular file (an earlier run's), which a rename may replace. */
async function checkReplaceable(path: string): Promise<void> {
  const stat = await lstat(path).catch((error: unknown) => {
    if (errorCode(error) === 'ENOENT') return undefined;
    throw outputFileError(path, error);
  });
  if (!stat || stat.isFile()) return;
  throw new OutputFileError(
    path,
    stat.isSymbolicLink() ? 'ELOOP' : 'EEXIST',
    `cannot write ${path}: it is ${stat.isSymbolicLink() ? 'a symbolic link (kinetic does not write through links)' : 'not a regular file'}`,
  );
}

function ended(stream: WriteStream): Promise<void> {
  return new Promise<void>((resolve, reject) =>
    stream.end((error?: Error | null) => (error ? reject(error) : resolve())),
  );
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
    if (this.failure) throw this.failed(this.failure);
    this.bytes += Buffer.byteLength(text, 'utf8');
    if (this.stream.write(text)) return;
    await new Promise<void>((resolve, reject) => {
      const done = (error?: Error): void => {
        this.stream.removeListener('drain', done);
        this.stream.removeListener('error', done);
        if (error) reject(this.failed(error));
        else resolve();
      };
      this.stream.once('drain', done);
      this.stream.once('error', done);
    });
  }

  async end(): Promise<void> {
    if (this.failure) throw this.failed(this.failure);
    await this.finish.end();
  }

  abandon(): Promise<void> {
    return this.finish.abandon();
  }

  /** A file's write error names the file; stdout's (a closed pipe) stays as it is. */
  private failed(error: Error): Error {
    return this.name === '-' ? error : outputFileError(this.name, error);
  }
}
