import { join } from 'node:path';
import { concatMap, from, fromEvent, lastValueFrom, takeUntil, type Observable } from 'rxjs';
import { cancelOn } from '../../operators/index.js';
import type { CsvDialect } from '../csv/detect-csv-dialect.js';
import {
  csvInput,
  type BulkEvent,
  type BulkJob,
  type BulkResult,
  type IngestOperation,
  type IngestOptions,
  type SalesforceClient,
} from '../index.js';
import { connect } from './connect.js';
import { EXIT } from './exit-codes.js';
import { plainText } from './plain-text.js';
import { Interrupt } from './interrupt.js';
import { createJobProgress, type JobProgress } from './job-progress.js';
import { prepareInput, type LoadInput } from './load-input.js';
import { printInterrupted, printLoadSummary, printNoWaitSummary, printResultsNotWritten } from './load-summary.js';
import type { LoadOptions } from './load-options.js';
import { ResultFiles } from './result-files.js';
import type { Terminal } from './terminal.js';
import { UsageError } from './usage-error.js';

/** What the event stream of a load ended with. */
interface LoadRun {
  readonly jobs: Map<string, BulkJob>;
  readonly result: BulkResult | undefined;
}

/**
 * Runs one load: checks the file and opens the result files first (nothing is sent when either
 * fails), streams the file as raw CSV into the SDK (split into jobs by size), shows progress per
 * job, then writes `success.csv`, `failed.csv` and `unprocessed.csv`. When those cannot be written
 * after the jobs ran, it names the jobs and how to fetch their results, and exits 3.
 * Memory: the SDK keeps failed and unprocessed rows only (`resultRows: 'failed'`); success rows
 * are streamed from each job's result file straight to disk afterwards.
 */
export async function runLoad(
  operation: IngestOperation,
  object: string,
  options: LoadOptions,
  terminal: Terminal,
): Promise<number> {
  const started = Date.now();
  // the object's name becomes part of the default results folder: an API name, nothing else
  if (!/^[A-Za-z][A-Za-z0-9_]{0,99}$/.test(object))
    throw new UsageError(
      `${JSON.stringify(plainText(object, { singleLine: true }).slice(0, 60))} is not an object API name`,
    );
  if (operation === 'upsert' && !options.externalId) throw new UsageError('upsert needs --external-id <Field>');
  if (operation !== 'upsert' && options.externalId)
    throw new UsageError(`--external-id is for upsert only, not ${operation}`);
  const input = await prepareInput(options, terminal);
  noteDetected(terminal, options, input.dialect);
  const dir = options.resultsDir ?? defaultResultsDir(operation, object);
  let files = options.wait ? await openResultFiles(dir, options, input.dialect) : undefined;
  const connection = await connect(options, terminal).catch(async (error: unknown) => {
    await files?.abandon();
    throw error;
  });
  const progress = createJobProgress(terminal);
  const interrupt = new Interrupt(terminal.io, () =>
    progress.note('Ctrl-C: aborting the open jobs on the server (Ctrl-C again quits at once)'),
  );
  try {
    const events = startLoad(connection.client, operation, object, options, input);
    const run = await follow(events.pipe(cancelOn(interrupt.signal)), progress);
    progress.stop();
    if (interrupt.fired) {
      await connection.client.whenSettled();
      return printInterrupted(terminal, operation, [...run.jobs.values()]);
    }
    if (!files || !run.result) return printNoWaitSummary(terminal, operation, object, [...run.jobs.values()]);
    const report = { operation, object, file: options.file, result: run.result, dir };
    const opened = files;
    files = undefined;
    let written: ResultFiles | undefined;
    try {
      written = await writeResults(connection.client, run.result, opened, interrupt);
    } catch (error: unknown) {
      await opened.abandon();
      return printResultsNotWritten(terminal, { ...report, elapsedMs: Date.now() - started }, error);
    }
    if (!written) {
      terminal.note(
        `Ctrl-C: stopped writing the result files in ${dir} (every job had finished; kinetic jobs results <id> writes them again)`,
      );
      return EXIT.interrupted;
    }
    return printLoadSummary(terminal, { ...report, files: written, elapsedMs: Date.now() - started });
  } finally {
    progress.stop();
    interrupt.dispose();
    // still open: the load failed or was interrupted before its results were written
    await files?.abandon();
    await connection.close();
  }
}

/** The result files, opened before any job exists: a folder that cannot be written stops the command here. */
function openResultFiles(dir: string, options: LoadOptions, dialect: CsvDialect): Promise<ResultFiles> {
  return ResultFiles.open(dir, {
    inputRow: true,
    style: options.sfResults ? 'salesforce' : 'kinetic',
    dialect: { delimiter: dialect.columnDelimiter, lineEnding: dialect.lineEnding },
    namedByUser: options.resultsDir !== undefined,
  });
}

/** Says what was read from the header line rather than given. */
function noteDetected(terminal: Terminal, options: LoadOptions, dialect: CsvDialect): void {
  const parts = [
    ...(options.delimiter === undefined && dialect.columnDelimiter !== 'COMMA'
      ? [`delimiter ${dialect.columnDelimiter}`]
      : []),
    ...(options.lineEnding === undefined && dialect.lineEnding !== 'LF' ? [`line ending ${dialect.lineEnding}`] : []),
  ];
  if (parts.length > 0)
    terminal.note(
      `${options.file}: ${parts.join(' and ')}, as its header line has them (--delimiter and --line-ending override)`,
    );
}

function startLoad(
  client: SalesforceClient,
  operation: IngestOperation,
  object: string,
  options: LoadOptions,
  input: LoadInput,
): Observable<BulkEvent<BulkResult>> {
  const csv = csvInput(input.text);
  const settings: IngestOptions = {
    wait: options.wait,
    resultRows: 'failed',
    columnDelimiter: input.dialect.columnDelimiter,
    lineEnding: input.dialect.lineEnding,
    ...(options.timeoutMinutes !== undefined ? { timeoutMinutes: options.timeoutMinutes } : {}),
    ...(options.concurrency !== undefined ? { concurrency: options.concurrency } : {}),
    ...(options.maxRecordsPerJob !== undefined ? { maxRecordsPerJob: options.maxRecordsPerJob } : {}),
    ...(options.maxBytesPerJob !== undefined ? { maxBytesPerJob: options.maxBytesPerJob } : {}),
  };
  switch (operation) {
    case 'insert':
      return client.bulk.insert(object, csv, settings);
    case 'update':
      return client.bulk.update(object, csv, settings);
    case 'upsert':
      return client.bulk.upsert(object, csv, options.externalId ?? '', settings);
    case 'delete':
      return client.bulk.delete(object, csv, settings);
    case 'hardDelete':
      return client.bulk.hardDelete(object, csv, settings);
  }
}

/** Subscribes to the load, feeding the progress display, until it completes (or is cancelled). */
function follow(events: Observable<BulkEvent<BulkResult>>, progress: JobProgress): Promise<LoadRun> {
  const jobs = new Map<string, BulkJob>();
  const totals = new Map<string, number>();
  let result: BulkResult | undefined;
  return new Promise<LoadRun>((resolve, reject) => {
    events.subscribe({
      next: (event) => {
        if (event.type === 'result') {
          result = event.result;
          return;
        }
        jobs.set(event.job.id, event.job);
        if (event.total !== undefined) totals.set(event.job.id, event.total);
        progress.update(event.job, totals.get(event.job.id));
      },
      error: reject,
      complete: () => resolve({ jobs, result }),
    });
  });
}

/**
 * Writes the three files: failed and unprocessed rows (held by the result, in input order), then
 * each job's successful rows streamed from the server. Undefined when Ctrl-C stopped the writing
 * (the partial files are removed); a write or download error is thrown.
 */
async function writeResults(
  client: SalesforceClient,
  result: BulkResult,
  files: ResultFiles,
  interrupt: Interrupt,
): Promise<ResultFiles | undefined> {
  const byInput = <T extends { readonly inputIndex?: number | undefined }>(rows: readonly T[]): T[] =>
    [...rows].sort((a, b) => (a.inputIndex ?? Number.MAX_SAFE_INTEGER) - (b.inputIndex ?? Number.MAX_SAFE_INTEGER));
  await files.writeFailed(byInput(result.failedRecords));
  await files.writeUnprocessed(byInput(result.unprocessedRecords));
  for (const job of result.jobs) {
    if (interrupt.fired) break;
    const rows = client.bulk.jobResults(job.id, ['success']).pipe(
      takeUntil(fromEvent(interrupt.signal, 'abort')),
      concatMap((batch) => from(files.write(batch))),
    );
    await lastValueFrom(rows, { defaultValue: undefined });
  }
  if (interrupt.fired) {
    await files.abandon();
    return undefined;
  }
  await files.close();
  return files;
}

/** `kinetic-results/<UTC time>-<operation>-<object>` in the working directory: a new one per run. */
function defaultResultsDir(operation: string, object: string): string {
  const stamp = new Date()
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  return join('kinetic-results', `${stamp}-${operation}-${object}`);
}
