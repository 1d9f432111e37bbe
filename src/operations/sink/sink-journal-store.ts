import { memoryJournalStore, type JournalStore } from '../ingest/journal/journal-store.js';
import type { IngestOperation } from '../../models/job-state.js';

/** One job of a sink as its journal keeps it, until the job has settled and its result was emitted. */
export interface SinkJournalJob {
  /** The job's number in the sink's life (across restarts). */
  readonly key: number;
  /** The job's records, as they were handed to the sink (JSON). */
  readonly records: readonly unknown[];
  /** Each job of it: the first, then one per retry of the rows an aborted or failed job left. */
  readonly attempts: readonly {
    /** When its creation was sent (server clock, ISO), before the request left. */
    readonly createSentAt?: string | undefined;
    /** The job id, recorded before anything is uploaded to it. */
    readonly jobId?: string | undefined;
    /** True once its result rows were read. */
    readonly settled?: boolean | undefined;
  }[];
}

/**
 * What a bulk sink records so that a restarted sink neither loses nor repeats a record handed
 * to it: the jobs not yet settled (with their records and job ids), and the records it held but
 * had put in no job when it stopped.
 */
export interface SinkJournal {
  /** Marks the file as a sink journal. */
  readonly kind: 'kinetic-core/sink-journal';
  /** The journal format's version. */
  readonly version: 1;
  /** The sink's operation: a sink on this journal must have the same. */
  readonly operation: IngestOperation;
  /** The sink's sObject: a sink on this journal must have the same. */
  readonly object: string;
  /** The upsert's external id field, if any: a sink on this journal must have the same. */
  readonly externalIdField?: string | undefined;
  /** The next job's `key`. */
  readonly nextKey: number;
  /** Jobs whose result was not yet emitted. */
  readonly jobs: readonly SinkJournalJob[];
  /** Records handed to the sink and put in no job when it stopped: sent first on restart. */
  readonly pending: readonly unknown[];
}

/** Where a sink journal is kept: `write` atomic and durable when it resolves (see `JournalStore`). */
export type SinkJournalStore = JournalStore<SinkJournal>;

/**
 * A sink journal kept in memory: a sink subscribed again with the same store continues where the
 * last subscription stopped (not across a crash: for that use `fileSinkJournal(path)` from
 * `kinetic-core/node`).
 */
export function memorySinkJournal(): SinkJournalStore & {
  /** The journal as last written (a copy), for tests and inspection. */
  readonly current: SinkJournal | undefined;
} {
  return memoryJournalStore<SinkJournal>();
}
