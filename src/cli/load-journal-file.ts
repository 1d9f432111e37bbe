import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { loadJournalSchema } from '../operations/ingest/journal/load-journal.js';
import { fileJournal } from '../node/index.js';
import type { LoadJournal, LoadJournalStore } from '../index.js';
import { errorCode, fileReason, InputFileError } from './file-errors.js';
import { DIR_MODE } from './results-dir.js';

/** The journal of a load, in its results folder. */
export const JOURNAL_FILE = 'load-journal.json';

/** `<dir>/load-journal.json` */
export function journalPath(dir: string): string {
  return join(dir, JOURNAL_FILE);
}

/**
 * The journal in a results folder, or undefined when there is none. One that cannot be read or
 * is not a load journal is an error: it is never taken for "no journal", which would start the
 * load over.
 */
export async function readLoadJournal(dir: string): Promise<LoadJournal | undefined> {
  const path = journalPath(dir);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error: unknown) {
    const code = errorCode(error);
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw new InputFileError(path, code, `cannot read the load journal ${path}: ${fileReason(error)}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new InputFileError(path, 'EINVAL', `${path} is not a load journal (not JSON)`);
  }
  const parsed = loadJournalSchema.safeParse(raw);
  if (!parsed.success)
    throw new InputFileError(
      path,
      'EINVAL',
      `${path} is not a load journal kinetic can read: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`,
    );
  return parsed.data;
}

/** True when a journal records no job (no slice was started): nothing of it can be in the org. */
export function journalIsEmpty(journal: LoadJournal): boolean {
  return journal.slices.length === 0;
}

/** Removes the journal file (a finished load's, or one of a load that never started a job). */
export async function removeLoadJournal(dir: string): Promise<void> {
  await rm(journalPath(dir), { force: true });
}

/** Removes the temporary files of journal writes a killed run left half done (the folder is locked). */
export async function clearJournalTemps(dir: string): Promise<void> {
  const names = await readdir(dir).catch(() => []);
  const temporary = new RegExp(`^${JOURNAL_FILE.replace('.', '\\.')}\\.[0-9a-f]+\\.tmp$`);
  await Promise.all(names.filter((name) => temporary.test(name)).map((name) => rm(join(dir, name), { force: true })));
}

/**
 * The journal store of a results folder: `fileJournal` (each write atomic and durable). The
 * journal is written whole at every step, so if the folder was removed while the load ran, it is
 * made again (0700) and the journal written there: the load keeps its record and can be resumed.
 */
export function folderJournal(dir: string): LoadJournalStore {
  const path = journalPath(dir);
  const file = fileJournal(path);
  return {
    read: () => file.read(),
    async write(journal: LoadJournal): Promise<void> {
      try {
        await file.write(journal);
      } catch (error: unknown) {
        if (errorCode(error) !== 'ENOENT') throw error;
        await mkdir(dirname(path), { recursive: true, mode: DIR_MODE });
        await file.write(journal);
      }
    },
  };
}
