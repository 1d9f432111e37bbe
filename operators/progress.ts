import { defer, filter, map, scan, type OperatorFunction } from 'rxjs';
import type { BulkEvent, BulkJob, JobState } from '../src/index.js';

/** A progress reading for a progress bar. */
export interface Progress {
  /** State of the job that changed last. */
  readonly state: JobState;
  /** Rows processed so far, summed over every job of the operation. */
  readonly processed: number;
  /** Rows failed so far, summed over every job. */
  readonly failed: number;
  /** Rows submitted, when known (ingest). */
  readonly total?: number;
  /** `processed / total` as 0–100, when the total is known. */
  readonly percent?: number;
  /** Jobs seen so far (a large load may be split into several). */
  readonly jobs: number;
}

interface Tally {
  readonly jobs: Map<string, { job: BulkJob; total: number | undefined }>;
  last: BulkJob | undefined;
}

/**
 * Turns job snapshots into `{ state, processed, failed, total?, percent? }` readings, summed
 * over every job of the operation. The final result event is dropped.
 *
 * ## Example
 * ```ts
 * import { progress } from 'kinetic-core/operators';
 *
 * client.bulk.insert('Account', records).pipe(progress()).subscribe((p) => {
 *   console.log(`${p.state} ${p.processed}/${p.total ?? '?'} (${p.percent?.toFixed(1) ?? '?'}%)`);
 * });
 * ```
 *
 * @returns An operator from `BulkEvent<R>` to `Progress`.
 */
export function progress<R>(): OperatorFunction<BulkEvent<R>, Progress> {
  // defer: every subscription tallies its own jobs
  return (source) =>
    defer(() =>
      source.pipe(
        filter((event): event is Extract<BulkEvent<R>, { type: 'job' }> => event.type === 'job'),
        scan(
          (tally: Tally, event) => {
            tally.jobs.set(event.job.id, { job: event.job, total: event.total ?? tally.jobs.get(event.job.id)?.total });
            tally.last = event.job;
            return tally;
          },
          { jobs: new Map(), last: undefined },
        ),
        map((tally) => reading(tally)),
      ),
    );
}

function reading(tally: Tally): Progress {
  let processed = 0;
  let failed = 0;
  let total: number | undefined = 0;
  for (const { job, total: jobTotal } of tally.jobs.values()) {
    processed += job.numberRecordsProcessed;
    failed += job.numberRecordsFailed;
    total = total === undefined || jobTotal === undefined ? undefined : total + jobTotal;
  }
  const state = (tally.last as BulkJob).state;
  const base = { state, processed, failed, jobs: tally.jobs.size };
  if (total === undefined || total === 0) return base;
  return { ...base, total, percent: Math.min(100, (processed / total) * 100) };
}
