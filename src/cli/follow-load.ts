import type { Observable } from 'rxjs';
import type { BulkEvent, BulkJob, BulkResult } from '../index.js';
import type { Interrupt } from './interrupt.js';
import type { JobProgress } from './job-progress.js';

/** What the event stream of a load ended with. */
export interface LoadRun {
  readonly jobs: Map<string, BulkJob>;
  /** Jobs whose `Aborted` snapshot came after Ctrl-C: the ones this command aborted. */
  readonly abortedNow: Set<string>;
  readonly result: BulkResult | undefined;
}

/** Subscribes to the load, feeding the progress display, until it completes (or is cancelled). */
export function followLoad(
  events: Observable<BulkEvent<BulkResult>>,
  progress: JobProgress,
  interrupt: Interrupt,
): Promise<LoadRun> {
  const jobs = new Map<string, BulkJob>();
  const abortedNow = new Set<string>();
  const totals = new Map<string, number>();
  let result: BulkResult | undefined;
  return new Promise<LoadRun>((resolve, reject) => {
    events.subscribe({
      next: (event) => {
        if (event.type === 'result') {
          result = event.result;
          return;
        }
        if (interrupt.fired && event.job.state === 'Aborted' && jobs.get(event.job.id)?.state !== 'Aborted')
          abortedNow.add(event.job.id);
        jobs.set(event.job.id, event.job);
        if (event.total !== undefined) totals.set(event.job.id, event.total);
        progress.update(event.job, totals.get(event.job.id));
      },
      error: reject,
      complete: () => resolve({ jobs, abortedNow, result }),
    });
  });
}
