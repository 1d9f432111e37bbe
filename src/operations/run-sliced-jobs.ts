import { Observable, Subscription } from 'rxjs';
import { ValidationError } from '../errors/validation-error.js';
import type { BulkJob } from '../models/bulk-job.js';
import type { ResultBatch } from './fetch-ingest-results.js';
import type { IngestJobEvent, IngestJobOutcome } from './ingest-job.js';
import type { SlicedJob, JobSlicer } from './sliced-job.js';

/** What the slot scheduler emits: a job's snapshot, or a job's outcome with its slice. */
export type SlicedEvent =
  | { readonly type: 'job'; readonly job: BulkJob; readonly total: number }
  | { readonly type: 'rows'; readonly batch: ResultBatch; readonly slice: SlicedJob }
  | { readonly type: 'outcome'; readonly outcome: IngestJobOutcome; readonly slice: SlicedJob };

/**
 * Runs the jobs of a load with at most `concurrency` at a time, pulling the next job's input
 * only when a slot is free: input is read, serialised and uploaded no faster than jobs
 * finish, so memory is bounded by `concurrency` job bodies whatever the input size.
 * Unsubscribing stops reading the input and tears down every running job (each aborts its own).
 */
export function runSlicedJobs(
  slicer: JobSlicer,
  concurrency: number,
  run: (slice: SlicedJob) => Observable<IngestJobEvent>,
): Observable<SlicedEvent> {
  return new Observable<SlicedEvent>((subscriber) => {
    const running = new Subscription();
    let active = 0;
    let started = 0;
    let exhausted = false;
    let pulling = false;
    let stopped = false;

    const fail = (error: unknown): void => {
      stopped = true;
      subscriber.error(error);
    };
    const finishIfDone = (): void => {
      if (stopped || !exhausted || active > 0 || pulling) return;
      if (started === 0)
        fail(
          new ValidationError('No records to load: the input is empty', [{ message: 'empty input', field: 'records' }]),
        );
      else subscriber.complete();
    };
    const pump = async (): Promise<void> => {
      if (pulling || stopped) return;
      pulling = true;
      try {
        while (!stopped && !exhausted && active < concurrency) {
          const slice = await slicer.next();
          if (stopped) return;
          if (!slice) {
            exhausted = true;
            break;
          }
          active++;
          started++;
          running.add(
            run(slice).subscribe({
              next: (event) =>
                subscriber.next(
                  event.type === 'job'
                    ? { type: 'job', job: event.job, total: slice.recordCount }
                    : { ...event, slice },
                ),
              error: fail,
              complete: () => {
                active--;
                void pump();
                finishIfDone();
              },
            }),
          );
        }
      } catch (error: unknown) {
        fail(error);
        return;
      } finally {
        pulling = false;
      }
      finishIfDone();
    };

    void pump();
    return () => {
      stopped = true;
      slicer.close();
      running.unsubscribe();
    };
  });
}
