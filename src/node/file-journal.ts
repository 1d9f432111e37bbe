import type { LoadJournal, LoadJournalStore } from '../index.js';
import { readJsonFile, writeJsonFile } from './atomic-json-file.js';

/**
 * A load journal in a file, for Node: each write goes to a new temporary file beside it (mode
 * 0600), is flushed to disk, and renamed over the journal, so a crash or `kill -9` at any moment
 * leaves the old journal or the new one, never a torn one. The folder must exist.
 *
 * @example
 * import { fileJournal } from 'kinetic-core/node';
 * client.bulk.insert('Account', csvInput(createReadStream('accounts.csv')), {
 *   journal: { store: fileJournal('results/load-journal.json'), input: { name: 'accounts.csv', size } },
 * });
 */
export function fileJournal(path: string): LoadJournalStore {
  return {
    read: () => readJsonFile(path),
    write: (journal: LoadJournal) => writeJsonFile(path, journal),
  };
}
