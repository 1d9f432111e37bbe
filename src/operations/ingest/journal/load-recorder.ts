import type { SchedulerLike } from 'rxjs';
import { JournalMismatchError } from '../../../errors/journal-mismatch-error.js';
import { JournalWriteError } from '../../../errors/journal-write-error.js';
import type { BulkJob } from '../../../models/bulk-job.js';
import type { IngestOperation } from '../../../models/job-state.js';
import { parseWith } from '../../../schemas/parse-with.js';
import type { LoadJournalStore } from './journal-store.js';
import { loadJournalSchema, type JournalAttempt, type JournalSlice, type LoadJournal } from './load-journal.js';

/** What a load is, as a journal records it and a resume checks it. */
export interface LoadIdentity {
  readonly operation: IngestOperation;
  readonly object: string;
  readonly externalIdField: string | undefined;
  readonly slicing: LoadJournal['slicing'];
  readonly input: LoadJournal['input'];
}

/** A slice as the slicer produced it, with its checksum. */
export interface SliceFacts {
  readonly index: number;
  readonly start: number;
  readonly rows: number;
  readonly bytes: number;
  readonly checksum: string;
}

/**
 * Keeps a load's journal: opens it (a new journal, or the one of an unfinished load to resume),
 * checks a resumed load is the same load, and records each step. Writes are serialised and each
 * writes the whole journal; the steps that matter for exactness (a creation about to be sent, a
 * job id before anything is uploaded to it) are awaited before the step goes on.
 */
export class LoadRecorder {
  private writes: Promise<void> = Promise.resolve();
  /** The slices this run has read (and checked) from the input. */
  private readonly reached = new Set<number>();
  private failure: { readonly error: unknown } | undefined;

  private constructor(
    private readonly store: LoadJournalStore,
    private readonly journal: LoadJournal,
    private readonly earlier: ReadonlyMap<number, JournalSlice>,
    private readonly scheduler: SchedulerLike,
  ) {}

  /** Opens the journal of a load: resumes the unfinished load it holds, or starts a new one. */
  static async open(store: LoadJournalStore, load: LoadIdentity, scheduler: SchedulerLike): Promise<LoadRecorder> {
    const raw = await store.read();
    const now = new Date(scheduler.now()).toISOString();
    if (raw === undefined || raw === null) {
      const journal: LoadJournal = {
        kind: 'kinetic-core/load-journal',
        version: 1,
        createdAt: now,
        updatedAt: now,
        operation: load.operation,
        object: load.object,
        ...(load.externalIdField ? { externalIdField: load.externalIdField } : {}),
        slicing: load.slicing,
        ...(load.input ? { input: load.input } : {}),
        status: 'running',
        rowsRead: 0,
        inputEnded: false,
        slices: [],
      };
      const recorder = new LoadRecorder(store, journal, new Map(), scheduler);
      await recorder.save();
      return recorder;
    }
    const journal = parseWith(loadJournalSchema, raw, 'load journal');
    checkSameLoad(journal, load);
    const earlier = new Map(journal.slices.map((slice) => [slice.index, slice]));
    // the input as it is now (a file fixed after a bad row has another size): what a later resume checks
    const resumed = { ...structuredClone(journal), ...(load.input ? { input: load.input } : {}) };
    return new LoadRecorder(store, resumed, earlier, scheduler);
  }

  /** What an earlier run recorded of a slice; undefined for a slice it never started. */
  earlierRun(index: number): JournalSlice | undefined {
    return this.earlier.get(index);
  }

  /** A resumed slice must have the content it had: the first that differs stops the load. */
  verify(slice: SliceFacts): void {
    this.reached.add(slice.index);
    const before = this.earlier.get(slice.index);
    if (!before || (before.checksum === slice.checksum && before.rows === slice.rows && before.start === slice.start))
      return;
    throw new JournalMismatchError(
      `The input differs from the journaled load at slice ${slice.index + 1} (input rows ${before.start + 1} to ${before.start + before.rows}): it was changed since the load ran. Restore it, or start a new load with a new journal.`,
      { index: slice.index, firstRow: before.start, rows: before.rows },
    );
  }

  /**
   * A job creation for an attempt of the slice is about to be sent: recorded (and awaited) first.
   * The attempt's entry starts over (an earlier job of that attempt held no rows).
   */
  creating(slice: SliceFacts, attempt: number, rows: number): Promise<void> {
    const at = new Date(this.scheduler.now()).toISOString();
    let entry = this.journal.slices.find((s) => s.index === slice.index);
    if (!entry) {
      entry = {
        index: slice.index,
        start: slice.start,
        rows: slice.rows,
        bytes: slice.bytes,
        checksum: slice.checksum,
        attempts: [],
      };
      this.journal.slices.push(entry);
      this.journal.slices.sort((a, b) => a.index - b.index);
    }
    entry.attempts = [...entry.attempts.slice(0, attempt), { rows, createSentAt: at }];
    this.rowsRead(slice.start + slice.rows);
    return this.save();
  }

  /** The attempt's job exists: its id is recorded (and awaited) before anything is uploaded to it. */
  created(index: number, attempt: number, job: BulkJob): Promise<void> {
    this.update(index, attempt, { jobId: job.id, state: job.state });
    return this.save();
  }

  /** A snapshot of an attempt's job: state and counts, written in the background. */
  seen(index: number, attempt: number, job: BulkJob): void {
    this.update(index, attempt, {
      jobId: job.id,
      state: job.state,
      processed: job.numberRecordsProcessed,
      failed: job.numberRecordsFailed,
    });
    void this.save().catch(() => undefined);
  }

  /** The attempt's result rows were all delivered. */
  settled(index: number, attempt: number): Promise<void> {
    this.update(index, attempt, { settled: true });
    return this.save();
  }

  /** The input was read to the end, `rows` rows in all. */
  inputEnded(rows: number): Promise<void> {
    this.journal.rowsRead = rows;
    this.journal.inputEnded = true;
    return this.save();
  }

  /**
   * The input ended: a slice an earlier run started that this run never reached (the input was
   * cut short) may hold rows in the org that this load would not account for, so the load is
   * not complete: the first such slice stops it.
   */
  checkAllReached(): void {
    const missed = [...this.earlier.values()].find((slice) => !this.reached.has(slice.index));
    if (!missed) return;
    throw new JournalMismatchError(
      `The input ends before slice ${missed.index + 1} (input rows ${missed.start + 1} to ${missed.start + missed.rows}), which an earlier run of this load started: its rows may be in the org. Restore the whole input to finish the load.`,
      { index: missed.index, firstRow: missed.start, rows: missed.rows },
    );
  }

  /** Every slice settled: the load is complete. */
  complete(): Promise<void> {
    this.journal.status = 'complete';
    return this.save();
  }

  private rowsRead(rows: number): void {
    this.journal.rowsRead = Math.max(this.journal.rowsRead, rows);
  }

  private update(index: number, attempt: number, fields: Partial<JournalAttempt>): void {
    const entry = this.journal.slices.find((s) => s.index === index);
    const current = entry?.attempts[attempt];
    if (entry && current) entry.attempts[attempt] = { ...current, ...fields };
  }

  /** Queues a write of the whole journal; resolves once it is stored (a failed write fails every later one). */
  private save(): Promise<void> {
    this.journal.updatedAt = new Date(this.scheduler.now()).toISOString();
    const copy = structuredClone(this.journal);
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

/** A journal resumes only the same load: same operation, object, external id, slicing and input. */
function checkSameLoad(journal: LoadJournal, load: LoadIdentity): void {
  const differs = (what: string, was: unknown, now: unknown): never => {
    throw new JournalMismatchError(
      `The journal records another load: its ${what} was ${JSON.stringify(was)}, now ${JSON.stringify(now)}. Use the same ${what} to resume it, or start a new load with a new journal.`,
    );
  };
  if (journal.operation !== load.operation) differs('operation', journal.operation, load.operation);
  if (journal.object.toLowerCase() !== load.object.toLowerCase()) differs('object', journal.object, load.object);
  if ((journal.externalIdField ?? '') !== (load.externalIdField ?? ''))
    differs('external id field', journal.externalIdField, load.externalIdField);
  for (const key of [
    'columnDelimiter',
    'lineEnding',
    'maxBytesPerJob',
    'maxRecordsPerJob',
    'assignmentRuleId',
  ] as const)
    if (journal.slicing[key] !== load.slicing[key]) differs(key, journal.slicing[key], load.slicing[key]);
  // a load that stopped before the end of its input (a bad row, a crash) may resume with the input
  // fixed, so of another size: the slices it loaded are checked by checksum. Once the whole input
  // was read, another size is another input.
  const was = journal.input?.size;
  const now = load.input?.size;
  if (journal.inputEnded && was !== undefined && now !== undefined && was !== now) differs('input size', was, now);
}
