import type { SinkJournal, SinkJournalStore } from '../index.js';
import { readJsonFile, writeJsonFile } from './atomic-json-file.js';

/**
 * A bulk sink's journal in a file, for Node, written atomically like `fileJournal` (a crash
 * leaves the old journal or the new one). The folder must exist. Records are kept as JSON: a
 * `Date` comes back as its ISO string (the CSV value is the same).
 *
 * @example
 * import { fileSinkJournal } from 'kinetic-core/node';
 * sinkRecords(client.bulk, 'Account', consume(queue), { journal: fileSinkJournal('state/account-sink.json') });
 */
export function fileSinkJournal(path: string): SinkJournalStore {
  return {
    read: () => readJsonFile(path),
    write: (journal: SinkJournal) => writeJsonFile(path, journal),
  };
}
