import { Observable, Subscription } from 'rxjs';
import { ValidationError } from '../../errors/validation-error.js';
import type { SlicedJob, JobSlicer } from './slicing/sliced-job.js';

/**
 * Runs the jobs of a load with at most `concurrency` at a time, pulling the next job's input
 * only when a slot is free: input is read, serialised and uploaded no faster than jobs
 * finish, so memory is bounded by `concurrency` job bodies whatever the input size.
 * Unsubscribing stops reading the input and tears down every running job (each aborts its own).
 */
export function runSlicedJobs<E>(
  slicer: JobSlicer,
  concurrency: number,
  run: (slice: SlicedJob) => Observable<E>,
): Observable<E> {
  return new Observable<E>((subscriber) => {
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
              next: (event) => subscriber.next(event),
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
