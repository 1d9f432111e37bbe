import { finalize, Observable, Subscription } from 'rxjs';
import { ValidationError } from '../../errors/validation-error.js';
import type { JobBody } from './slicing/job-body.js';
import type { SlicedJob, JobSlicer } from './slicing/sliced-job.js';

/** Why a load stopped reading its input early, once jobs had started. */
export class InputStopped extends Error {
  override readonly name = 'InputStopped';
  constructor(
    /** What stopped it: the slicer's error (a bad record, a failed read) or a failed job start. */
    readonly reason: unknown,
    /** Input rows read into slices before it stopped. */
    readonly rowsRead: number,
  ) {
    super(reason instanceof Error ? reason.message : String(reason));
  }
}

/** What a load learns about its input as the slot scheduler reads it. */
export interface SliceHooks {
  /** The input ended after `rows` rows in all. */
  readonly inputEnded?: (rows: number) => void;
  /** A job error that stops the load like an input error (no new job, the others finish) instead of ending it at once. */
  readonly stopsInput?: (error: unknown) => boolean;
}

/**
 * Runs the jobs of a load with at most `concurrency` at a time, pulling the next job's input
 * only when a slot is free and the last job's body has been uploaded: input is read, serialised
 * and uploaded no faster than jobs finish, and memory holds one job body whatever the input size
 * and the concurrency. `run` gets
 * each slice with its 0-based number. Unsubscribing stops reading the input and tears down every
 * running job (each aborts its own); a job's error does the same.
 *
 * When reading the input fails (a bad record late in a stream, a read error) after jobs have
 * started, no further job starts, the jobs already running are let finish (their rows are in
 * the org or will be, and their results are read), and then the stream errors with
 * {@link InputStopped}. Before any job, the input's error is the stream's error as it is.
 */
export function runSlicedJobs<E>(
  slicer: JobSlicer,
  concurrency: number,
  run: (slice: SlicedJob, index: number) => Observable<E>,
  hooks: SliceHooks = {},
): Observable<E> {
  return new Observable<E>((subscriber) => {
    const running = new Subscription();
    let active = 0;
    let started = 0;
    let rowsRead = 0;
    let exhausted = false;
    let pulling = false;
    let stopped = false;
    let inputError: { readonly error: unknown } | undefined;
    let lastBody: JobBody | undefined;

    const fail = (error: unknown): void => {
      stopped = true;
      subscriber.error(error);
    };
    const finishIfDone = (): void => {
      if (stopped || !exhausted || active > 0 || pulling) return;
      if (inputError) fail(started === 0 ? inputError.error : new InputStopped(inputError.error, rowsRead));
      else if (started === 0)
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
          // one job body at a time: the next job's input is read once the last body was uploaded
          // (its job keeps running), so memory holds one body however many jobs run
          if (lastBody) await lastBody.settled();
          if (stopped) return;
          const slice = await slicer.next();
          if (stopped) return;
          if (!slice) {
            exhausted = true;
            hooks.inputEnded?.(rowsRead);
            break;
          }
          active++;
          const index = started++;
          rowsRead = slice.start + slice.recordCount;
          lastBody = slice.body;
          running.add(
            // a job that ends before its upload does (a failed creation) settles its body too
            run(slice, index)
              .pipe(finalize(() => slice.body.settle()))
              .subscribe({
                next: (event) => subscriber.next(event),
                error: (error: unknown) => {
                  if (!hooks.stopsInput?.(error)) return fail(error);
                  active--;
                  inputError ??= { error };
                  exhausted = true;
                  slicer.close();
                  finishIfDone();
                },
                complete: () => {
                  active--;
                  void pump();
                  finishIfDone();
                },
              }),
          );
        }
      } catch (error: unknown) {
        // no new job; the running ones finish, then the stream ends with the input's error
        inputError = { error };
        exhausted = true;
        slicer.close();
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
