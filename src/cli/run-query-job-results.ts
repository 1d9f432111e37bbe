import { bufferCount, concatMap, from, fromEvent, lastValueFrom, takeUntil } from 'rxjs';
import type { BulkJob, SalesforceClient } from '../index.js';
import { EXIT } from './exit-codes.js';
import { bytes, plural } from './format.js';
import type { Interrupt } from './interrupt.js';
import { jobJson } from './job-json.js';
import { INTERRUPTED } from './json-envelope.js';
import { plainText } from './plain-text.js';
import { createEncoder, type CsvDialect, type RecordFormat, type Row } from './record-encoder.js';
import { fileSink, stdoutSink } from './sink.js';
import type { Terminal } from './terminal.js';

/** Where and how `kinetic jobs results <query job>` writes the rows. */
export interface QueryJobOutput {
  /** A file, or `-` for stdout. */
  readonly out: string;
  readonly format: RecordFormat;
  readonly csv: CsvDialect;
}

/** Rows written at a time. */
const BATCH = 2_000;

/**
 * `kinetic jobs results <query job id> --out F`: the rows of an existing query job (one whose
 * export timed out, or started elsewhere), every page, written like `kinetic query` writes them.
 * Waits for the job if it still runs; never aborts it (it was not started here). A file is
 * written as `<file>.partial` and renamed at the end.
 */
export async function writeQueryJobRows(
  client: SalesforceClient,
  job: BulkJob,
  output: QueryJobOutput,
  interrupt: Interrupt,
  terminal: Terminal,
): Promise<number> {
  const started = Date.now();
  const sink = output.out === '-' ? stdoutSink(terminal.io.stdout) : await fileSink(output.out);
  const encoder = createEncoder(output.format, [], output.csv);
  const shown = sink.name === '-' && terminal.io.stdout.isTTY === true ? plainText : (text: string): string => text;
  const summaryStream = sink.name === '-' ? 'stderr' : 'stdout';
  let rows = 0;
  try {
    const written = client.bulk.queryJobRecords(job.id).pipe(
      takeUntil(fromEvent(interrupt.signal, 'abort')),
      bufferCount(BATCH),
      concatMap((batch: Row[]) => {
        rows += batch.length;
        return from(sink.write(shown(encoder.encode(batch))));
      }),
    );
    await lastValueFrom(written, { defaultValue: undefined });
    if (interrupt.fired) {
      await sink.abandon();
      if (sink.name !== '-') terminal.note(`removed the incomplete ${sink.name}.partial`);
      terminal.json(
        { exitCode: EXIT.interrupted, failure: INTERRUPTED, result: { command: 'jobs results', interrupted: true } },
        summaryStream,
      );
      return EXIT.interrupted;
    }
    await sink.write(shown(encoder.end()));
    await sink.end();
  } catch (error: unknown) {
    await sink.abandon();
    throw error;
  }
  terminal.note(
    `wrote ${plural(rows, 'row')} (${bytes(sink.bytes)}) of query job ${job.id} to ${sink.name === '-' ? 'stdout' : sink.name}`,
  );
  terminal.json(
    {
      exitCode: EXIT.ok,
      result: {
        command: 'jobs results',
        job: jobJson(job),
        rows,
        bytes: sink.bytes,
        format: output.format,
        out: sink.name,
        elapsedMs: Date.now() - started,
      },
    },
    summaryStream,
  );
  return EXIT.ok;
}
