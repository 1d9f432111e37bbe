import type { BulkJob } from '../models/bulk-job.js';
import { CreateGate } from './create-gate.js';

/** A span of server time, in epoch milliseconds. */
export interface TimeWindow {
  readonly from: number;
  readonly to: number;
}

/** A query creation that failed ambiguously: another query may not adopt a job in its window. */
interface AmbiguousQuery {
  readonly origin: string;
  readonly object: string;
  readonly operation: string;
  readonly soql: string;
  readonly window: TimeWindow;
  readonly noted: number;
}

/** Ids remembered per process: far more jobs than can be created within one search window. */
const MAX_OWNED = 20_000;
/** Ambiguous query creations are remembered this long (local time). */
const AMBIGUOUS_MEMORY_MS = 15 * 60_000;

/**
 * What this process knows about the jobs it made, shared by every client in it: the ids of
 * jobs created (or adopted) here, the user each client's session acts as (learned from the
 * `createdById` of its jobs), recent ambiguous query creations, and the gate that orders job
 * creations and searches. A job id is owned once: two searches never adopt the same job.
 */
export class JobOwnership {
  /** Orders creations (shared) and searches for ambiguously created jobs (exclusive). */
  readonly gate = new CreateGate();
  private readonly owned = new Set<string>();
  private readonly users = new WeakMap<object, string>();
  private ambiguous: AmbiguousQuery[] = [];

  /** Records a job made (or adopted) by a client of this process; learns its user. */
  own(origin: string, job: BulkJob, identity?: object): void {
    if (identity && job.createdById) this.users.set(identity, job.createdById);
    const key = `${origin}|${job.id}`;
    if (this.owned.has(key)) return;
    this.owned.add(key);
    if (this.owned.size > MAX_OWNED) this.owned.delete(this.owned.values().next().value as string);
  }

  /** Whether a client of this process already holds the job. */
  isOwned(origin: string, jobId: string): boolean {
    return this.owned.has(`${origin}|${jobId}`);
  }

  /** The first candidate no client of this process holds, now owned by the caller; undefined if none. */
  claim(origin: string, candidates: readonly BulkJob[], identity?: object): BulkJob | undefined {
    const free = candidates.find((job) => !this.isOwned(origin, job.id));
    if (free) this.own(origin, free, identity);
    return free;
  }

  /** The user a client's session acts as, once one of its jobs has been answered. */
  userOf(identity: object): string | undefined {
    return this.users.get(identity);
  }

  /** Remembers an ambiguous query creation (see {@link queryConflict}). */
  noteAmbiguousQuery(entry: Omit<AmbiguousQuery, 'noted'>, now: number): void {
    this.ambiguous = this.ambiguous.filter((e) => now - e.noted < AMBIGUOUS_MEMORY_MS);
    this.ambiguous.push({ ...entry, noted: now });
  }

  /**
   * True when another query of this process on the same object and operation, with a different
   * SOQL text, also failed ambiguously in an overlapping window: the job list cannot tell their
   * jobs apart (it does not show the SOQL), so neither may adopt one.
   */
  queryConflict(entry: Omit<AmbiguousQuery, 'noted'>): boolean {
    return this.ambiguous.some(
      (e) =>
        e.origin === entry.origin &&
        e.soql !== entry.soql &&
        e.operation === entry.operation &&
        e.object.toLowerCase() === entry.object.toLowerCase() &&
        e.window.from <= entry.window.to &&
        entry.window.from <= e.window.to,
    );
  }
}

/** The registry of this process (one per module instance: every client shares it). */
export const jobOwnership = new JobOwnership();
