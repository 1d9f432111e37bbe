import { resolve as resolvePath, join } from 'node:path';
import { lstat, stat } from 'node:fs/promises';
import { concatMap, from, fromEvent, lastValueFrom, takeUntil, type Observable } from 'rxjs';
import { cancelOn } from '../../operators/index.js';
import type { CsvDialect } from '../csv/detect-csv-dialect.js';
import {
  BulkTimeoutError,
  csvInput,
  LoadInterruptedError,
  type BulkEvent,
  type BulkJob,
  type BulkResult,
  type IngestOperation,
  type IngestOptions,
  type SalesforceClient,
} from '../index.js';
import { connect } from './connect.js';
import { failWith, reportError } from './error-report.js';
import { EXIT } from './exit-codes.js';
import { errorCode, inputFileError } from './file-errors.js';
import { plainText } from './plain-text.js';
import { Interrupt } from './interrupt.js';
import { loadJobs, writeJobsResults } from './interrupted-results.js';
import { createJobProgress, type JobProgress } from './job-progress.js';
import { prepareInput, type LoadInput } from './load-input.js';
import {
  clearJournalTemps,
  folderJournal,
  journalIsEmpty,
  journalPath,
  readLoadJournal,
  removeLoadJournal,
} from './load-journal-file.js';
import { lockResultsDir } from './load-lock.js';
import { printInterrupted, printLoadStopped } from './load-stopped.js';
import { printLoadSummary, printNoWaitSummary, printResultsNotWritten } from './load-summary.js';
import type { LoadOptions } from './load-options.js';
import { ResultFiles } from './result-files.js';
import { makeResultsDir } from './results-dir.js';
import { planJournal } from './resume-plan.js';
import { resumeCommand } from './resume-command.js';
import type { Terminal } from './terminal.js';
import { UsageError } from './usage-error.js';

/** What the event stream of a load ended with. */
interface LoadRun {
  readonly jobs: Map<string, BulkJob>;
  /** Jobs whose `Aborted` snapshot came after Ctrl-C: the ones this command aborted. */
  readonly abortedNow: Set<string>;
  readonly result: BulkResult | undefined;
}

/**
 * Runs one load: checks the file and opens the result files first (nothing is sent when either
 * fails), streams the file as raw CSV into the SDK (split into jobs by size), shows progress per
 * job, then writes `success.csv`, `failed.csv` and `unprocessed.csv`. When those cannot be written
 * after the jobs ran, it names the jobs and how to fetch their results, and exits 3.
 *
 * Every load keeps a journal in its results folder (`load-journal.json`): each job is recorded
 * before it can hold rows. A load that stops midway (a late bad row, Ctrl-C, a crash, `kill -9`)
 * is finished by the same command with `--resume <folder>`: finished jobs are read, not run
 * again; running ones are waited for; the rest is sent. A new load into a folder whose journal
 * records an unfinished load is refused.
 *
 * Memory: the SDK keeps failed and unprocessed rows only (`resultRows: 'failed'`); success rows
 * are streamed from each job's result file straight to disk afterwards.
 */
export async function runLoad(
  operation: IngestOperation,
  object: string,
  given: LoadOptions,
  terminal: Terminal,
): Promise<number> {
  const started = Date.now();
  // the object's name becomes part of the default results folder: an API name, nothing else
  if (!/^[A-Za-z][A-Za-z0-9_]{0,99}$/.test(object))
    throw new UsageError(
      `${JSON.stringify(plainText(object, { singleLine: true }).slice(0, 60))} is not an object API name`,
    );
  if (operation === 'upsert' && !given.externalId) throw new UsageError('upsert needs --external-id <Field>');
  if (operation !== 'upsert' && given.externalId)
    throw new UsageError(`--external-id is for upsert only, not ${operation}`);
  if (
    given.resume !== undefined &&
    given.resultsDir !== undefined &&
    resolvePath(given.resume) !== resolvePath(given.resultsDir)
  )
    throw new UsageError('--resume names the results folder of the load: drop --results-dir, or give the same folder');
  const dir = given.resume ?? given.resultsDir ?? (await defaultResultsDir(operation, object));
  if (given.resume !== undefined) await requireFolder(dir);
  // before the file is read: a folder holding an unfinished load stops the command at once
  planJournal(operation, object, given, dir, await readLoadJournal(dir), (text) => terminal.note(text));
  const input = await prepareInput(given, terminal);
  noteDetected(terminal, given, input.dialect);

  const folder = await makeResultsDir(dir, {
    namedByUser: given.resultsDir !== undefined || given.resume !== undefined,
  });
  const lock = await lockResultsDir(dir).catch(async (error: unknown) => {
    await folder.removeCreated();
    throw error;
  });
  let files: ResultFiles | undefined;
  // true once the load may have started a job: from then on the folder and its journal are kept
  let recorded = false;
  try {
    // again, now that the folder is locked: another command may have run in it meanwhile
    const plan = planJournal(operation, object, given, dir, await readLoadJournal(dir), () => undefined);
    const options = plan.kind === 'resume' ? plan.options : given;
    if (plan.kind === 'new' && plan.replace) await removeLoadJournal(dir);
    if (plan.kind === 'resume') recorded = !journalIsEmpty(plan.journal);
    // partial result files of a run that was killed (its lock was left): the lock is ours now
    if (plan.kind === 'resume' || lock.tookOver) {
      await ResultFiles.clearPartials(dir);
      await clearJournalTemps(dir);
    }
    files = options.wait ? await openResultFiles(dir, given, input.dialect) : undefined;
    const connection = await connect(options, terminal);
    const progress = createJobProgress(terminal);
    const interrupt = new Interrupt(terminal.io, () =>
      progress.note('Ctrl-C: aborting the open jobs on the server (Ctrl-C again quits at once)'),
    );
    const resume = resumeCommand(operation, object, options, dir);
    try {
      const events = startLoad(connection.client, operation, object, options, input, dir);
      let run: LoadRun;
      try {
        run = await follow(events.pipe(cancelOn(interrupt.signal)), progress, interrupt);
      } catch (error: unknown) {
        progress.stop();
        if (error instanceof BulkTimeoutError) {
          recorded = true;
          const hint = `the jobs keep running on the server: wait for them and write the result files with ${resume}`;
          return failWith({ ...reportError(error), hint }, terminal);
        }
        if (!(error instanceof LoadInterruptedError)) throw error;
        recorded = true;
        const opened = files;
        files = undefined;
        const written = opened
          ? await writeOrAbandon(() => writeResults(connection.client, error.result, opened, interrupt), opened)
          : undefined;
        return printLoadStopped(terminal, {
          operation,
          object,
          file: options.file,
          error,
          files: written,
          dir,
          resume,
          elapsedMs: Date.now() - started,
        });
      }
      progress.stop();
      if (interrupt.fired) {
        await connection.client.whenSettled();
        const journal = await readLoadJournal(dir).catch(() => undefined);
        const jobs = await loadJobs(connection.client, journal, run.jobs);
        recorded = jobs.length > 0 || (journal !== undefined && !journalIsEmpty(journal));
        const opened = files;
        files = undefined;
        const written =
          opened && jobs.length > 0
            ? await writeOrAbandon(() => writeJobsResults(connection.client, jobs, opened), opened)
            : undefined;
        if (opened && !written) await opened.abandon();
        return printInterrupted(terminal, {
          operation,
          object,
          jobs,
          abortedNow: run.abortedNow,
          files: written,
          dir,
          resume: recorded ? resume : undefined,
        });
      }
      recorded = true;
      if (!files || !run.result) return printNoWaitSummary(terminal, operation, object, [...run.jobs.values()], resume);
      const report = { operation, object, file: options.file, result: run.result, dir };
      const opened = files;
      files = undefined;
      let written: ResultFiles | undefined;
      try {
        written = await writeResults(connection.client, run.result, opened, interrupt);
      } catch (error: unknown) {
        await opened.abandon();
        return printResultsNotWritten(terminal, { ...report, resume, elapsedMs: Date.now() - started }, error);
      }
      if (!written) {
        terminal.note(
          `Ctrl-C: stopped writing the result files in ${dir} (every job had finished; ${resume} writes them again)`,
        );
        return EXIT.interrupted;
      }
      return printLoadSummary(terminal, {
        ...report,
        files: written,
        journal: journalPath(dir),
        elapsedMs: Date.now() - started,
      });
    } finally {
      progress.stop();
      interrupt.dispose();
      await connection.close();
    }
  } finally {
    // still open: the load failed or was interrupted before its results were written
    await files?.abandon();
    if (!recorded) recorded = await startedAnyJob(dir);
    await lock.release();
    // a load that never started a job leaves nothing behind (its journal records nothing)
    if (!recorded) {
      await removeLoadJournal(dir);
      await folder.removeCreated();
    }
  }
}

/** `--resume` names a results folder that must exist. */
async function requireFolder(dir: string): Promise<void> {
  const found = await stat(dir).catch((error: unknown) => {
    if (errorCode(error) === 'ENOENT')
      throw new UsageError(`--resume ${dir}: no such folder (give the results folder of the load to resume)`);
    throw inputFileError(dir, error, '--resume');
  });
  if (!found.isDirectory()) throw new UsageError(`--resume ${dir}: not a folder (give the results folder of the load)`);
}

/** Whether the folder's journal records a job (or a job being created): then it must be kept. */
async function startedAnyJob(dir: string): Promise<boolean> {
  const journal = await readLoadJournal(dir).catch(() => undefined);
  return journal !== undefined && !journalIsEmpty(journal);
}

/** Writes the files; on a failure they are abandoned (their partial files removed) and undefined is returned. */
async function writeOrAbandon(
  write: () => Promise<ResultFiles | undefined>,
  files: ResultFiles,
): Promise<ResultFiles | undefined> {
  try {
    return await write();
  } catch {
    await files.abandon();
    return undefined;
  }
}

/** The result files, opened before any job exists: a folder that cannot be written stops the command here. */
function openResultFiles(dir: string, options: LoadOptions, dialect: CsvDialect): Promise<ResultFiles> {
  return ResultFiles.open(dir, {
    inputRow: true,
    style: options.sfResults ? 'salesforce' : 'kinetic',
    dialect: { delimiter: dialect.columnDelimiter, lineEnding: dialect.lineEnding },
    namedByUser: options.resultsDir !== undefined || options.resume !== undefined,
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
  dir: string,
): Observable<BulkEvent<BulkResult>> {
  const csv = csvInput(input.text);
  const settings: IngestOptions = {
    wait: options.wait,
    resultRows: 'failed',
    columnDelimiter: input.dialect.columnDelimiter,
    lineEnding: input.dialect.lineEnding,
    journal: {
      store: folderJournal(dir),
      input: { name: resolvePath(options.file), ...(input.size !== undefined ? { size: input.size } : {}) },
    },
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
function follow(
  events: Observable<BulkEvent<BulkResult>>,
  progress: JobProgress,
  interrupt: Interrupt,
): Promise<LoadRun> {
  const jobs = new Map<string, BulkJob>();
  const abortedNow = new Set<string>();
  const totals = new Map<string, number>();
  let result: BulkResult | undefined;
  return new Promise<LoadRun>((resolve, reject) => {
    events.subscribe({
      next: (event) => {
        if (event.type === 'result') {
          result = event.result;
          return;
        }
        if (interrupt.fired && event.job.state === 'Aborted' && jobs.get(event.job.id)?.state !== 'Aborted')
          abortedNow.add(event.job.id);
        jobs.set(event.job.id, event.job);
        if (event.total !== undefined) totals.set(event.job.id, event.total);
        progress.update(event.job, totals.get(event.job.id));
      },
      error: reject,
      complete: () => resolve({ jobs, abortedNow, result }),
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

/**
 * `kinetic-results/<UTC time>-<operation>-<object>` in the working directory: a new one per run
 * (`-2`, `-3`, ... when a load of the same second has it), so it never holds another load's journal.
 */
async function defaultResultsDir(operation: string, object: string): Promise<string> {
  const stamp = new Date()
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  const base = join('kinetic-results', `${stamp}-${operation}-${object}`);
  for (let n = 1; ; n++) {
    const dir = n === 1 ? base : `${base}-${n}`;
    // any other error (a file in the way) is left to the folder's creation to report
    const taken = await lstat(dir).then(
      () => true,
      () => false,
    );
    if (!taken || n >= 1_000) return dir;
  }
}
