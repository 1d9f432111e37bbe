import { filter, map, type OperatorFunction } from 'rxjs';
import type { BulkEvent, BulkJob } from '../src/index.js';

/**
 * Keeps only the job snapshots of an operation: one `BulkJob` each time a job's state or
 * counts changed (`Open`, `UploadComplete`, `InProgress` ..., then a terminal state).
 *
 * ## Example
 * ```ts
 * import { jobStates } from 'kinetic-core/operators';
 *
 * client.bulk.insert('Account', records).pipe(jobStates()).subscribe((job) => console.log(job.id, job.state));
 * ```
 *
 * @returns An operator from `BulkEvent<R>` to `BulkJob`.
 */
export function jobStates<R>(): OperatorFunction<BulkEvent<R>, BulkJob> {
  return (source) =>
    source.pipe(
      filter((event): event is Extract<BulkEvent<R>, { type: 'job' }> => event.type === 'job'),
      map((event) => event.job),
    );
}
