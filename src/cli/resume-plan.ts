import { resolve } from 'node:path';
import type { IngestOperation, LoadJournal } from '../index.js';
import { count } from './format.js';
import { journalIsEmpty, journalPath, JOURNAL_FILE } from './load-journal-file.js';
import type { LoadOptions } from './load-options.js';
import { resumeCommand } from './resume-command.js';
import { UsageError } from './usage-error.js';

/** What to do with the journal a results folder holds, before anything is sent. */
export type JournalPlan =
  /** A new load: no journal there (or one to replace: a finished load's, or one that never started a job). */
  | { readonly kind: 'new'; readonly replace: boolean }
  /** `--resume`: the load of the journal, with the slicing it was cut with. */
  | { readonly kind: 'resume'; readonly journal: LoadJournal; readonly options: LoadOptions };

const FLAG_NAMES = { maxRecordsPerJob: '--max-records-per-job', maxBytesPerJob: '--max-bytes-per-job' } as const;

/**
 * Decides from the folder's journal. Without `--resume`, a journal of a load that started jobs
 * and did not finish stops the command (starting over would send its rows again); with it, the
 * journal must be of the same operation, object and external id, and the slicing flags, when
 * given, must be the load's (when not given, the journal's are used).
 */
export function planJournal(
  operation: IngestOperation,
  object: string,
  options: LoadOptions,
  dir: string,
  journal: LoadJournal | undefined,
  note: (text: string) => void,
): JournalPlan {
  if (options.resume === undefined) {
    if (!journal) return { kind: 'new', replace: false };
    if (journal.status === 'running' && !journalIsEmpty(journal)) {
      const command = resumeCommand(operation, object, { ...options, file: journal.input?.name ?? options.file }, dir);
      throw new UsageError(
        `${dir} holds the journal of an unfinished load (${journal.operation} ${journal.object}, ${describeProgress(journal)}): starting over would send its rows again. Finish it with ${command}, or give another --results-dir`,
      );
    }
    if (journal.status === 'complete')
      note(`${dir} held a finished load: its journal and result files are replaced by this one's`);
    return { kind: 'new', replace: true };
  }
  if (!journal)
    throw new UsageError(
      `--resume ${dir}: there is no load journal (${JOURNAL_FILE}) in it, so nothing to resume (the folder is the results folder of the load)`,
    );
  const was = `${journal.operation} ${journal.object}`;
  if (journal.operation !== operation || journal.object.toLowerCase() !== object.toLowerCase())
    throw new UsageError(
      `--resume ${dir}: that load is "${was}", not "${operation} ${object}": resume it with its own command`,
    );
  if ((journal.externalIdField ?? '') !== (options.externalId ?? ''))
    throw new UsageError(
      `--resume ${dir}: that load matched on --external-id ${journal.externalIdField ?? '(none)'}, not ${options.externalId ?? '(none)'}`,
    );
  for (const key of ['maxRecordsPerJob', 'maxBytesPerJob'] as const) {
    const given = options[key];
    if (given !== undefined && given !== journal.slicing[key])
      throw new UsageError(
        `--resume ${dir}: ${FLAG_NAMES[key]} ${given} is not the load's (${journal.slicing[key] >= Number.MAX_SAFE_INTEGER ? 'none' : journal.slicing[key]}): drop the flag, the journal has it`,
      );
  }
  if (journal.input && resolve(journal.input.name) !== resolve(options.file))
    note(`the load was started with ${journal.input.name}; resuming it with ${options.file} (checked slice by slice)`);
  note(
    journal.status === 'complete'
      ? `the load in ${dir} is complete: reading its results again (nothing is sent)`
      : `resuming the load in ${dir} (${describeProgress(journal)}; journal ${journalPath(dir)})`,
  );
  return {
    kind: 'resume',
    journal,
    options: {
      ...options,
      maxRecordsPerJob: journal.slicing.maxRecordsPerJob,
      maxBytesPerJob: journal.slicing.maxBytesPerJob,
    },
  };
}

/** `3 jobs started, 75,000 rows read` */
function describeProgress(journal: LoadJournal): string {
  const jobs = journal.slices.reduce((n, slice) => n + slice.attempts.filter((a) => a.jobId).length, 0);
  return `${count(jobs)} job${jobs === 1 ? '' : 's'} started, ${count(journal.rowsRead)} rows read${journal.inputEnded ? ' (all)' : ''}`;
}
