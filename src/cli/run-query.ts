import { lastValueFrom, toArray } from 'rxjs';
import type { BulkJob, QueryCursor, QueryRecord } from '../index.js';
import { connect, type ConnectionOptions } from './connect.js';
import { EXIT } from './exit-codes.js';
import { bytes, duration, plural } from './format.js';
import { Interrupt } from './interrupt.js';
import { jobJson } from './job-json.js';
import { INTERRUPTED } from './json-envelope.js';
import { plainText } from './plain-text.js';
import { QueryProgress } from './query-progress.js';
import { createEncoder, selectedColumns, type CsvDialect, type RecordFormat } from './record-encoder.js';
import { fileSink, stdoutSink, type Sink } from './sink.js';
import type { OutputMode, Terminal } from './terminal.js';

/** What `kinetic query` was given. */
export interface QueryCliOptions extends ConnectionOptions, OutputMode {
  /** A file, or `-` for stdout. */
  readonly out: string;
  readonly format: RecordFormat;
  /** Delimiter and line ending of CSV output. */
  readonly csv: CsvDialect;
  /** `queryAll`: deleted and archived rows too. */
  readonly all: boolean;
  readonly parallel?: number | undefined;
  readonly maxRecords?: number | undefined;
  readonly timeoutMinutes?: number | undefined;
}

/**
 * Exports a query: rows are pulled from a `queryCursor` batch by batch and written before the next
 * batch is read, so memory stays flat whatever the result size and however slow the output.
 * A file is written as `<file>.partial` and renamed at the end.
 */
export async function runQuery(soql: string, options: QueryCliOptions, terminal: Terminal): Promise<number> {
  const started = Date.now();
  // opened first: an output path that cannot be written fails before any job exists
  const sink = options.out === '-' ? stdoutSink(terminal.io.stdout) : await fileSink(options.out);
  const connection = await connect(options, terminal).catch(async (error: unknown) => {
    await sink.abandon();
    throw error;
  });
  const progress = new QueryProgress(terminal);
  const cursor = connection.client.bulk.queryCursor(soql, {
    queryAll: options.all,
    onProgress: (job) => progress.job(job),
    ...(options.parallel !== undefined ? { parallel: options.parallel } : {}),
    ...(options.maxRecords !== undefined ? { maxRecords: options.maxRecords } : {}),
    ...(options.timeoutMinutes !== undefined ? { timeoutMinutes: options.timeoutMinutes } : {}),
  });
  let stopping: Promise<BulkJob[]> | undefined;
  const interrupt = new Interrupt(terminal.io, () => {
    progress.note('Ctrl-C: stopping the export and aborting its job (Ctrl-C again quits at once)');
    stopping = stop(cursor);
  });
  const summaryStream = options.out === '-' ? 'stderr' : 'stdout';
  try {
    const rows = await copyRows(
      cursor,
      sink,
      { ...options, terminal: terminal.io.stdout.isTTY === true },
      soql,
      progress,
    );
    progress.stop();
    if (interrupt.fired) return await interrupted(terminal, sink, stopping);
    await sink.end();
    const job = cursor.job;
    terminal.note(
      `exported ${plural(rows, 'row')} (${bytes(sink.bytes)}) from job ${job?.id ?? '?'} to ${sink.name === '-' ? 'stdout' : sink.name} in ${duration(Date.now() - started)}`,
    );
    terminal.json(
      {
        exitCode: EXIT.ok,
        result: {
          command: 'query',
          rows,
          bytes: sink.bytes,
          format: options.format,
          out: sink.name,
          job: job ? jobJson(job) : null,
          elapsedMs: Date.now() - started,
        },
      },
      summaryStream,
    );
    return EXIT.ok;
  } catch (error: unknown) {
    progress.stop();
    // the abort makes a read in flight fail (the job ends Aborted): that is the interrupt, not an error
    if (interrupt.fired) return await interrupted(terminal, sink, stopping);
    await cursor.close();
    await sink.abandon();
    // a closed pipe (`kinetic query ... | head`) is the reader saying it has enough
    if ((error as { code?: unknown }).code === 'EPIPE') return EXIT.ok;
    throw error;
  } finally {
    interrupt.dispose();
    await connection.close();
  }
}

/** Reads batch after batch and writes each before reading on; returns the row count. */
async function copyRows(
  cursor: QueryCursor<QueryRecord>,
  sink: Sink,
  options: QueryCliOptions & { readonly terminal: boolean },
  soql: string,
  progress: QueryProgress,
): Promise<number> {
  const encoder = createEncoder(options.format, selectedColumns(soql), options.csv);
  // rows shown on a terminal lose their control characters (a value could hold escape sequences)
  const shown = sink.name === '-' && options.terminal ? plainText : (text: string): string => text;
  let rows = 0;
  for (let batch = await cursor.nextBatch(); batch !== null; batch = await cursor.nextBatch()) {
    rows += batch.length;
    await sink.write(shown(encoder.encode(batch)));
    progress.progress(rows, sink.bytes);
  }
  await sink.write(shown(encoder.end()));
  return rows;
}

/** Aborts the job if it still runs (collecting its `Aborted` snapshot), then closes the cursor. */
async function stop(cursor: QueryCursor<QueryRecord>): Promise<BulkJob[]> {
  const aborted = await lastValueFrom(cursor.control.abort().pipe(toArray()), { defaultValue: [] }).catch(() => []);
  await cursor.close();
  return aborted;
}

async function interrupted(terminal: Terminal, sink: Sink, stopping: Promise<BulkJob[]> | undefined): Promise<number> {
  const aborted = (await stopping) ?? [];
  await sink.abandon();
  for (const job of aborted) terminal.note(`aborted job ${job.id} on the server`);
  if (aborted.length === 0)
    terminal.note('the query job had already completed: nothing to abort, the download was stopped');
  if (sink.name !== '-') terminal.note(`removed the incomplete ${sink.name}.partial`);
  terminal.json(
    {
      exitCode: EXIT.interrupted,
      failure: INTERRUPTED,
      result: { command: 'query', interrupted: true, abortedJobs: aborted.map((job) => job.id) },
    },
    sink.name === '-' ? 'stderr' : 'stdout',
  );
  return EXIT.interrupted;
}
