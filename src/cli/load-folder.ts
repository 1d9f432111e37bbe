import { join, resolve as resolvePath } from 'node:path';
import { lstat, stat } from 'node:fs/promises';
import { errorCode, inputFileError } from './file-errors.js';
import { journalIsEmpty, readLoadJournal } from './load-journal-file.js';
import type { LoadOptions } from './load-options.js';
import { UsageError } from './usage-error.js';

/**
 * The results folder of a load: the one `--resume` names (it must exist), else `--results-dir`,
 * else a new one under `kinetic-results/`. `--resume` and a different `--results-dir` are refused.
 */
export async function loadFolder(operation: string, object: string, given: LoadOptions): Promise<string> {
  if (
    given.resume !== undefined &&
    given.resultsDir !== undefined &&
    resolvePath(given.resume) !== resolvePath(given.resultsDir)
  )
    throw new UsageError('--resume names the results folder of the load: drop --results-dir, or give the same folder');
  const dir = given.resume ?? given.resultsDir ?? (await defaultResultsDir(operation, object));
  if (given.resume !== undefined) await requireFolder(dir);
  return dir;
}

/** Whether the folder's journal records a job (or a job being created): then it must be kept. */
export async function startedAnyJob(dir: string): Promise<boolean> {
  const journal = await readLoadJournal(dir).catch(() => undefined);
  return journal !== undefined && !journalIsEmpty(journal);
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
