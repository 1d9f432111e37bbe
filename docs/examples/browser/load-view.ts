// The same pipeline as BulkLoadService.insertCsv in docs/angular.md, without Angular:
// a CSV file in, a stream of views out, one per change. It never errors: a failure is a view.
import { catchError, connect, endWith, filter, map, merge, of, scan, startWith, switchMap, takeUntil } from 'rxjs';
import type { Observable } from 'rxjs';
import type { BulkEvent, BulkResult, BulkResultEvent, JobState, SalesforceClient } from 'kinetic-core';
import { cancelOn, jobStates, progress } from 'kinetic-core/operators';
import { csvFileRecords } from './csv-records.js';

/** What the page shows for one load. */
export interface LoadView {
  readonly state: JobState | 'Reading';
  readonly processed: number;
  readonly failed: number;
  readonly total?: number;
  readonly percent?: number;
  /** The job being loaded, once created: shown with an error, so a job that could not be aborted can be found. */
  readonly jobId?: string;
  readonly result?: BulkResult;
  /** Why the load failed (SDK errors never carry the token, so the message is safe to show). */
  readonly error?: string;
  /** The load is over: finished, failed, cancelled, or ended by leaving the page. */
  readonly done?: boolean;
}

const READING: LoadView = { state: 'Reading', processed: 0, failed: 0 };

/**
 * Parses the file, inserts its rows, and emits a view on every change, starting at once with
 * a `Reading` view. `cancel$` aborts the job (the last view is `Aborted`); `leave$` (the page's
 * `pagehide`) ends the load, and unsubscribing aborts the job on the server.
 */
export function insertCsvView(
  client: SalesforceClient,
  sobject: string,
  file: Blob,
  cancel$: Observable<unknown>,
  leave$: Observable<unknown>,
): Observable<LoadView> {
  return csvFileRecords(file).pipe(
    switchMap((rows) => client.bulk.insert(sobject, rows)),
    cancelOn(cancel$),
    takeUntil(leave$),
    connect((events) =>
      merge(
        events.pipe(progress()),
        events.pipe(
          jobStates(),
          map((job) => ({ jobId: job.id })),
        ),
        events.pipe(
          filter(isResult),
          map((event) => ({ result: event.result })),
        ),
      ),
    ),
    // per load, so the next file still works after a failure
    catchError((error: unknown) => of({ error: error instanceof Error ? error.message : String(error) })),
    endWith({ done: true }),
    scan((view: LoadView, change: Partial<LoadView>) => ({ ...view, ...change }), READING),
    startWith(READING),
  );
}

function isResult(event: BulkEvent<BulkResult>): event is BulkResultEvent<BulkResult> {
  return event.type === 'result';
}
