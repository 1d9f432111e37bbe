// src/app/bulk-insert.component.ts
import { AsyncPipe, DecimalPipe } from '@angular/common';
import { Component, inject } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { Subject, filter, shareReplay, switchMap } from 'rxjs';
import { BulkLoadService, type LoadView } from './bulk-load.service';

@Component({
  selector: 'app-bulk-insert',
  imports: [AsyncPipe, DecimalPipe],
  template: `
    <input type="file" accept=".csv,text/csv" (change)="pick($event)" />
    <button type="button" (click)="cancel$.next()">Cancel</button>
    @if (view$ | async; as view) {
      @if (view.state === 'Reading') {
        <p>Reading the file…</p>
      } @else {
        <progress max="100" [value]="view.percent ?? 0"></progress>
        <p>
          {{ view.state }}: {{ view.processed }} of {{ view.total ?? '?' }} ({{ view.percent ?? 0 | number: '1.0-0' }}%)
        </p>
      }
      @if (view.result; as result) {
        <p>{{ result.successCount }} inserted, {{ result.failedCount }} failed</p>
      } @else if (view.error) {
        <p role="alert">Load failed: {{ view.error }} {{ view.jobId ? '(job ' + view.jobId + ')' : '' }}</p>
      } @else if (view.done) {
        <p>Cancelled</p>
      }
    }
  `,
})
export class BulkInsertComponent {
  private readonly loads = inject(BulkLoadService);
  private readonly files$ = new Subject<File>();
  /** Each click on Cancel aborts the running job on the server. */
  readonly cancel$ = new Subject<void>();

  /**
   * Read by the template's single `async` pipe. switchMap: picking another file unsubscribes
   * from (and so aborts) the load still running; each load ends in a view, even when it
   * fails, so the next file still works. takeUntilDestroyed: leaving the route ends it too.
   * shareReplay with refCount: a second subscriber shares the load instead of starting another.
   */
  readonly view$ = this.files$.pipe(
    switchMap((file) => this.loads.insertCsv('Account', file, this.cancel$)),
    takeUntilDestroyed(),
    shareReplay({ bufferSize: 1, refCount: true }),
  );

  constructor() {
    // a side effect outside the template: takeUntilDestroyed ends it with the component
    this.view$
      .pipe(
        filter((view: LoadView) => view.result !== undefined),
        takeUntilDestroyed(),
      )
      .subscribe((view) => console.log(`load finished: ${view.result?.successCount} inserted`));
  }

  pick(event: Event): void {
    const file = (event.target as HTMLInputElement).files?.[0];
    if (file) this.files$.next(file);
  }
}
