import { defer, EMPTY, from, map, merge, mergeMap, take, type Observable, type Subscription } from 'rxjs';
import { BulkTimeoutError } from '../../errors/bulk-timeout-error.js';
import { abortJob } from './abort-job.js';
import type { BulkJob } from '../../models/bulk-job.js';
import type { BulkResult } from '../../models/bulk-result.js';
import type { BulkEvent, BulkRecord, JobControl } from './bulk-event.js';
import type { OperationContext } from './operation-context.js';

/**
 * The server-side state of one operation run: every job it created, which ones were left
 * running on purpose, and the abort that teardown or `control.abort()` sends (once per job).
 */
export class RunControl implements JobControl {
  private readonly jobs = new Map<string, BulkJob>();
  private readonly leftRunning = new Set<string>();
  private readonly abortSent = new Set<string>();
  private readonly creating = new Set<Observable<BulkJob>>();
  readonly resubmit?: (records: readonly BulkRecord[]) => Observable<BulkEvent<BulkResult>>;

  constructor(
    private readonly ctx: OperationContext,
    readonly operation: string,
    readonly object: string,
    resubmit?: (records: readonly BulkRecord[]) => Observable<BulkEvent<BulkResult>>,
  ) {
    if (resubmit) this.resubmit = resubmit;
  }

  /** Records the latest snapshot of a job of this run. */
  track(job: BulkJob): void {
    this.jobs.set(job.id, job);
  }

  /** A job this run chose to leave running (wait: false, or its deadline passed): never aborted by teardown. */
  leave(jobId: string): void {
    this.leftRunning.add(jobId);
  }

  /** A creation request in flight: if the run is torn down before it answers, the job it creates is aborted. */
  creation(created: Observable<BulkJob>): () => void {
    this.creating.add(created);
    return () => this.creating.delete(created);
  }

  /** Whether a job still needs an abort (known, not terminal, not left on purpose, not already aborted). */
  needsAbort(job: BulkJob): boolean {
    const latest = this.jobs.get(job.id) ?? job;
    return !latest.isComplete() && !this.leftRunning.has(job.id) && !this.abortSent.has(job.id);
  }

  abort(): Observable<BulkJob> {
    return defer(() => {
      const known = [...this.jobs.values()].filter((job) => this.needsAbort(job));
      const pending = [...this.creating].map((created) => created.pipe(take(1)));
      return merge(from(known), ...pending).pipe(
        mergeMap((job) => (this.needsAbort(job) ? this.abortOne(job) : EMPTY)),
      );
    });
  }

  /** Teardown path: abort whatever is still running, as detached work that outlives the subscription. */
  abortDetached(): void {
    const known = [...this.jobs.values()].filter((job) => this.needsAbort(job));
    for (const job of known) this.ctx.detached.run(this.abortOne(job), `abort of job ${job.id}`);
    for (const created of this.creating) {
      this.ctx.detached.run(
        created.pipe(
          take(1),
          mergeMap((job) => this.abortOne(job)),
        ),
        'abort of a job created during teardown',
      );
    }
  }

  /**
   * A run's error: past the deadline the job is left running so that it can be resumed; any
   * other failure ends the run, and its teardown aborts what is still open.
   */
  onError(error: unknown, job: BulkJob | undefined): void {
    if (error instanceof BulkTimeoutError && job) this.leave(job.id);
  }

  /** A run's teardown: aborts its job if still open, or the job a creation in flight will make. */
  release(job: BulkJob | undefined, creation: Subscription): void {
    if (job === undefined && !creation.closed) {
      this.abortDetached(); // waits for the creation, then aborts what it made
      return;
    }
    creation.unsubscribe();
    if (job && this.needsAbort(job)) this.abortDetached();
  }

  private abortOne(job: BulkJob): Observable<BulkJob> {
    this.abortSent.add(job.id);
    return abortJob(this.ctx.api, job).pipe(
      map((latest) => {
        this.track(latest);
        return latest;
      }),
    );
  }
}
