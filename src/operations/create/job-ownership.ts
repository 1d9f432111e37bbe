import type { BulkJob } from '../../models/bulk-job.js';
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

/** Ids remembered per client: far more jobs than can be created within one search window. */
const MAX_OWNED = 20_000;
/** Ambiguous query creations are remembered this long (local time). */
const AMBIGUOUS_MEMORY_MS = 15 * 60_000;

/** Orgs a client keeps a gate for at once; far more than one client ever talks to. */
const MAX_GATES = 1_000;

/**
 * What one client knows about the jobs it made: the ids of jobs created (or adopted) by it, the
 * user its session acts as (learned from the `createdById` of its jobs), its recent ambiguous
 * query creations, and, per org, the gate that orders its job creations and searches. A job id is
 * owned once: two searches of the client never adopt the same job. Each `SalesforceClient` has
 * its own: two clients never wait on each other, and a search never blocks work on another org.
 */
export class JobOwnership {
  private readonly gates = new Map<string, CreateGate>();
  private readonly owned = new Set<string>();
  private readonly users = new WeakMap<object, string>();
  private ambiguous: AmbiguousQuery[] = [];

  /**
   * The gate of one org (its instance origin): creations pass it shared, searches for an
   * ambiguously created job alone. Idle gates are dropped once there are many.
   */
  gate(org: string): CreateGate {
    let gate = this.gates.get(org);
    if (!gate) {
      if (this.gates.size >= MAX_GATES) for (const [key, g] of this.gates) if (g.idle) this.gates.delete(key);
      gate = new CreateGate();
      this.gates.set(org, gate);
    }
    return gate;
  }

  /** Records a job made (or adopted) by this client; learns its user. */
  own(origin: string, job: BulkJob, identity?: object): void {
    if (identity && job.createdById) this.users.set(identity, job.createdById);
    const key = `${origin}|${job.id}`;
    if (this.owned.has(key)) return;
    this.owned.add(key);
    if (this.owned.size > MAX_OWNED) this.owned.delete(this.owned.values().next().value as string);
  }

  /** Whether this client already holds the job. */
  isOwned(origin: string, jobId: string): boolean {
    return this.owned.has(`${origin}|${jobId}`);
  }

  /** The first candidate this client does not hold yet, now owned by it; undefined if none. */
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
   * True when another query of this client on the same object and operation, with a different
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
