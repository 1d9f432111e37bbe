import type { LoadJournal } from './load-journal.js';

/**
 * Where a journal is kept. `write` must be atomic (the old journal or the new one, never a
 * mix) and durable when it resolves; the run waits for it before the step it records can be
 * lost (creating a job, uploading to it). `read` gives the raw stored value (checked by the
 * reader) or undefined when there is none.
 */
export interface JournalStore<J> {
  /** The stored journal as it is (the reader checks it), or undefined when there is none. */
  read(): Promise<unknown>;
  /** Replaces the stored journal, atomically; resolves once it is durable. */
  write(journal: J): Promise<void>;
}

/** Where a load journal is kept (see `JournalStore`). */
export type LoadJournalStore = JournalStore<LoadJournal>;

/** A journal store in memory, holding a copy of what was last written. */
export function memoryJournalStore<J>(): JournalStore<J> & {
  /** The journal as last written (a copy), for tests and inspection. */
  readonly current: J | undefined;
} {
  let current: J | undefined;
  return {
    get current() {
      return current;
    },
    read: async () => (current === undefined ? undefined : structuredClone(current)),
    write: async (journal) => {
      current = structuredClone(journal);
    },
  };
}

/**
 * A journal kept in memory: survives an interrupted subscription (resubscribe to resume), not
 * a crash. For a crash-proof journal in Node use `fileJournal(path)` from `kinetic-core/node`.
 */
export function memoryJournal(): LoadJournalStore & {
  /** The journal as last written (a copy), for tests and inspection. */
  readonly current: LoadJournal | undefined;
} {
  return memoryJournalStore<LoadJournal>();
}

/** The `journal` option of an ingest operation. */
export interface JournalOptions {
  /** Where the journal is kept (`memoryJournal()`, or `fileJournal(path)` from `kinetic-core/node`). */
  readonly store: LoadJournalStore;
  /** The input's identity (a file path and its size), recorded, and checked when the load is resumed. */
  readonly input?: {
    /** A name for the input, e.g. its file path. */
    readonly name: string;
    /** Its size in bytes, when known: a resume with another size is refused. */
    readonly size?: number;
  };
}
