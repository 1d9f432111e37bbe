// src/app/bulk-load.service.ts
import { isPlatformBrowser } from '@angular/common';
import { DOCUMENT, Injectable, PLATFORM_ID, inject } from '@angular/core';
import Papa from 'papaparse';
import { NEVER, catchError, connect, defer, endWith, filter, fromEvent, map, merge, of, scan, startWith } from 'rxjs';
import { switchMap, takeUntil, type Observable } from 'rxjs';
import { SalesforceClient, type BulkEvent, type BulkResult, type BulkResultEvent, type JobState } from 'kinetic-core';
import { cancelOn, jobStates, progress } from 'kinetic-core/operators';

/** What the UI shows for one load. */
export interface LoadView {
  readonly state: JobState | 'Reading';
  readonly processed: number;
  readonly failed: number;
  readonly total?: number;
  readonly percent?: number;
  /** The job, once created: shown with an error, so a job that could not be aborted can be found. */
  readonly jobId?: string;
  readonly result?: BulkResult;
  /** Why the load failed. SDK errors never carry the token, so the message is safe to show. */
  readonly error?: string;
  /** The load is over: finished, failed, cancelled, or ended because the page went away. */
  readonly done?: boolean;
}

const READING: LoadView = { state: 'Reading', processed: 0, failed: 0 };

/** Wraps `client.bulk` for components: CSV file in, a stream of `LoadView`s out. */
@Injectable({ providedIn: 'root' })
export class BulkLoadService {
  private readonly client = inject(SalesforceClient);
  private readonly pageHide$ = pageHide();

  /**
   * Parses the file in the browser, inserts its rows, and emits a view on every change,
   * starting at once with a `Reading` view. Cold: nothing happens until subscribed.
   * `cancel$` aborts the job on the server (the last view is `Aborted`); unsubscribing, or
   * the page going away, aborts it too. Never errors: a failure is the last view's `error`.
   */
  insertCsv(sobject: string, file: File, cancel$: Observable<unknown>): Observable<LoadView> {
    const records = defer(
      async () => Papa.parse<Record<string, string>>(await file.text(), { header: true, skipEmptyLines: true }).data,
    );
    return records.pipe(
      switchMap((rows) => this.client.bulk.insert(sobject, rows)),
      cancelOn(cancel$),
      takeUntil(this.pageHide$),
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
      // here, per load: the component's stream of views outlives a failed load
      catchError((error: unknown) => of({ error: error instanceof Error ? error.message : String(error) })),
      endWith({ done: true }),
      scan((view: LoadView, change: Partial<LoadView>) => ({ ...view, ...change }), READING),
      startWith(READING),
    );
  }
}

/** The window's `pagehide` (reload, tab closed, navigation to another site); never fires during SSR. */
function pageHide(): Observable<Event> {
  const window = inject(DOCUMENT).defaultView;
  return isPlatformBrowser(inject(PLATFORM_ID)) && window ? fromEvent(window, 'pagehide') : NEVER;
}

function isResult(event: BulkEvent<BulkResult>): event is BulkResultEvent<BulkResult> {
  return event.type === 'result';
}
