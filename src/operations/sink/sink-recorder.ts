import type { SchedulerLike } from 'rxjs';
import { JournalMismatchError } from '../../errors/journal-mismatch-error.js';
import { JournalWriteError } from '../../errors/journal-write-error.js';
import type { BulkJob } from '../../models/bulk-job.js';
import type { IngestOperation } from '../../models/job-state.js';
import type { JobRecorder } from '../ingest/ingest-job.js';
import type { SliceFacts } from '../ingest/journal/load-recorder.js';
import type { SinkJournal, SinkJournalJob, SinkJournalStore } from './sink-journal-store.js';

/** What a sink is, as its journal records it and a restart checks it. */
export interface SinkIdentity {
  readonly operation: IngestOperation;
  readonly object: string;
  readonly externalIdField: string | undefined;
}

type MutableJob = {
  key: number;
  records: readonly unknown[];
  attempts: { createSentAt?: string; jobId?: string; settled?: boolean }[];
};

/**
 * Keeps a sink's journal: the jobs not yet settled, with their records (written, and awaited,
 * before each creation is sent), their job ids (before anything is uploaded), and, when the sink
 * stops, the records it held in no job. Writes are serialised; each writes the whole journal,
 * which holds at most the open jobs and the buffer: its size does not grow with the run.
 */
export class SinkRecorder implements JobRecorder {
  private writes: Promise<void> = Promise.resolve();
  private failure: { readonly error: unknown } | undefined;
  private readonly jobs = new Map<number, MutableJob>();
  private readonly registered = new Map<number, readonly unknown[]>();
  private pending: readonly unknown[];
  private nextKey: number;

  private constructor(
    private readonly store: SinkJournalStore,
    private readonly identity: SinkIdentity,
    private readonly scheduler: SchedulerLike,
    earlier: SinkJournal | undefined,
  ) {
    this.nextKey = earlier?.nextKey ?? 0;
    this.pending = earlier?.pending ?? [];
    for (const job of earlier?.jobs ?? [])
      this.jobs.set(job.key, { key: job.key, records: job.records, attempts: job.attempts.map((a) => ({ ...a })) });
  }

  /** Opens the journal: a new one, or the one a stopped sink left (the same operation and object only). */
  static async open(store: SinkJournalStore, identity: SinkIdentity, scheduler: SchedulerLike): Promise<SinkRecorder> {
    const raw = await store.read();
    if (raw === undefined || raw === null) return new SinkRecorder(store, identity, scheduler, undefined);
    const journal = raw as Partial<SinkJournal>;
    if (journal.kind !== 'kinetic-core/sink-journal' || journal.version !== 1 || !Array.isArray(journal.jobs))
      throw new JournalMismatchError('The journal is not a sink journal (kinetic-core/sink-journal, version 1)');
    const differs = (what: string, was: unknown, now: unknown): void => {
      if (was !== now)
        throw new JournalMismatchError(
          `The journal is of another sink: its ${what} is ${JSON.stringify(was)}, not ${JSON.stringify(now)}`,
        );
    };
    differs('operation', journal.operation, identity.operation);
    differs('object', journal.object, identity.object);
    differs('external id field', journal.externalIdField, identity.externalIdField);
    return new SinkRecorder(store, identity, scheduler, journal as SinkJournal);
  }

  /** Jobs a stopped sink left unsettled, oldest first. */
  unsettled(): readonly SinkJournalJob[] {
    return [...this.jobs.values()].sort((a, b) => a.key - b.key);
  }

  /** Records a stopped sink held in no job: they are sent before the source is read. Taken once. */
  takePending(): readonly unknown[] {
    const pending = this.pending;
    this.pending = [];
    return pending;
  }

  /** A key for a new job. */
  newKey(): number {
    return this.nextKey++;
  }

  /** The records of a job about to be created; written with its creation. */
  register(key: number, records: readonly unknown[]): void {
    this.registered.set(key, records);
  }

  creating(slice: SliceFacts, attempt: number): Promise<void> {
    const at = new Date(this.scheduler.now()).toISOString();
    let job = this.jobs.get(slice.index);
    if (!job) {
      const records = this.registered.get(slice.index) ?? [];
      this.registered.delete(slice.index);
      job = { key: slice.index, records, attempts: [] };
      this.jobs.set(slice.index, job);
    }
    job.attempts = [...job.attempts.slice(0, attempt), { createSentAt: at }];
    return this.save();
  }

  created(index: number, attempt: number, job: BulkJob): Promise<void> {
    const attempts = this.jobs.get(index)?.attempts;
    const current = attempts?.[attempt];
    if (attempts && current) attempts[attempt] = { ...current, jobId: job.id };
    return this.save();
  }

  seen(): void {
    // job states are asked of the server on restart: no write per snapshot
  }

  /** The attempt's result rows were read (its leftovers may still go to a next attempt). */
  settled(index: number, attempt: number): Promise<void> {
    const attempts = this.jobs.get(index)?.attempts;
    const current = attempts?.[attempt];
    if (attempts && current) attempts[attempt] = { ...current, settled: true };
    return this.save();
  }

  /** The job's last attempt settled and its result was emitted: it leaves the journal. */
  done(key: number): Promise<void> {
    this.jobs.delete(key);
    return this.save();
  }

  /** The sink stopped holding these records in no job: written for the next sink. */
  stopped(pending: readonly unknown[]): Promise<void> {
    this.pending = [...this.pending, ...pending];
    return this.save();
  }

  /** Resolves once every write queued so far is stored (or failed). */
  async flushed(): Promise<void> {
    await this.writes;
  }

  private save(): Promise<void> {
    const journal: SinkJournal = {
      kind: 'kinetic-core/sink-journal',
      version: 1,
      operation: this.identity.operation,
      object: this.identity.object,
      ...(this.identity.externalIdField ? { externalIdField: this.identity.externalIdField } : {}),
      nextKey: this.nextKey,
      jobs: this.unsettled(),
      pending: this.pending,
    };
    const copy = structuredClone(journal);
    const write = this.writes.then(async () => {
      if (this.failure) throw this.failure.error;
      try {
        await this.store.write(copy);
      } catch (error) {
        throw new JournalWriteError(error);
      }
    });
    this.writes = write.catch((error: unknown) => {
      this.failure ??= { error };
    });
    return write;
  }
}
