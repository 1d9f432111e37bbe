import { randomBytes } from 'node:crypto';
import { open, readFile, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { LoadJournal, LoadJournalStore } from '../index.js';

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
    async read(): Promise<unknown> {
      let text: string;
      try {
        text = await readFile(path, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw error;
      }
      return JSON.parse(text) as unknown;
    },
    async write(journal: LoadJournal): Promise<void> {
      const temporary = `${path}.${randomBytes(6).toString('hex')}.tmp`;
      const file = await open(temporary, 'wx', 0o600);
      try {
        await file.writeFile(JSON.stringify(journal, null, 1));
        await file.sync();
      } finally {
        await file.close();
      }
      try {
        await rename(temporary, path);
      } catch (error) {
        await rm(temporary, { force: true });
        throw error;
      }
      // the rename itself is durable once the folder is flushed
      const folder = await open(dirname(path), 'r');
      try {
        await folder.sync().catch(() => undefined);
      } finally {
        await folder.close();
      }
    },
  };
}
