import { cancelOn } from '../../operators/index.js';
import type { CsvDialect } from '../csv/detect-csv-dialect.js';
import { BulkTimeoutError, LoadInterruptedError, type IngestOperation } from '../index.js';
import { connect } from './connect.js';
import { failWith, reportError } from './error-report.js';
import { EXIT } from './exit-codes.js';
import { followLoad, type LoadRun } from './follow-load.js';
import { plainText } from './plain-text.js';
import { Interrupt } from './interrupt.js';
import { loadJobs, writeJobsResults } from './interrupted-results.js';
import { createJobProgress } from './job-progress.js';
import { loadFolder, startedAnyJob } from './load-folder.js';
import { prepareInput } from './load-input.js';
import {
  clearJournalTemps,
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
import { startLoad } from './start-load.js';
import type { Terminal } from './terminal.js';
import { UsageError } from './usage-error.js';
import { openLoadResultFiles, writeLoadResults, writeOrAbandon } from './write-load-results.js';

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
  const dir = await loadFolder(operation, object, given);
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
    files = options.wait ? await openLoadResultFiles(dir, given, input.dialect) : undefined;
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
        run = await followLoad(events.pipe(cancelOn(interrupt.signal)), progress, interrupt);
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
          ? await writeOrAbandon(() => writeLoadResults(connection.client, error.result, opened, interrupt), opened)
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
        written = await writeLoadResults(connection.client, run.result, opened, interrupt);
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
