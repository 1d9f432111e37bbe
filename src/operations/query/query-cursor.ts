import type { Observable, Subscription } from 'rxjs';
import type { CsvRow } from '../../csv/csv-push-parser.js';
import type { BulkJob } from '../../models/bulk-job.js';
import type { ColumnDelimiter, LineEnding } from '../../models/job-state.js';
import { raceAbort } from './abortable.js';
import type { JobControl } from '../shared/bulk-event.js';
import { checkNotOverCount, checkRowCount } from './check-row-count.js';
import { openResultPages } from './pages/open-result-pages.js';
import type { OperationContext } from '../shared/operation-context.js';
import type { PageSource, PageStream } from './pages/page-source.js';
import { RowPipeline, type RowPipelineSettings } from './rows/row-pipeline.js';
import type { RunControl } from '../shared/run-control.js';

/** One result page, as handed out by {@link QueryCursor.nextPage}. */
export interface QueryPage<T> {
  /** 0-based position of the page in the result (with `ordered: false`, pages may come out of order). */
  readonly index: number;
  /** The page's rows (an empty page is possible: a header-only result). */
  readonly records: T[];
}

/** Everything a cursor needs, resolved and validated by the query functions. */
export interface QueryCursorPlan {
  readonly ctx: OperationContext;
  readonly control: RunControl;
  /** The job's snapshots up to `JobComplete` (a new job run, or an existing one watched); cold. */
  readonly job: Observable<BulkJob>;
  readonly columnDelimiter: ColumnDelimiter;
  readonly lineEnding: LineEnding;
  readonly maxRecords: number | undefined;
  readonly parallel: number;
  readonly ordered: boolean;
  readonly rows: RowPipelineSettings;
  /** Called with every job snapshot (`onProgress`, and the job events of `query()`). */
  readonly onJob: (job: BulkJob) => void;
}

type Step = { readonly page: PageStream; readonly rows: CsvRow[] | null } | null;

/**
 * A pull-based query: nothing is sent until the first read, and each read fetches only
 * what it needs (the job, then one page at a time, parsed chunk by chunk), so a slow
 * consumer sets the pace and memory stays flat. Iterate it for rows, `pages()` for pages,
 * or call `nextPage()` / `nextBatch()`. Breaking out of a loop or `close()` stops the
 * download at once and aborts the job if it is still running. Reads are queued: call them
 * one after another.
 *
 * @example
 * const cursor = client.bulk.queryCursor('SELECT Id, Name FROM Account');
 * for await (const row of cursor) await save(row); // the next page is fetched when needed
 */
export class QueryCursor<T> implements AsyncIterable<T> {
  private readonly closer = new AbortController();
  private readonly pipeline: RowPipeline<T>;
  private queue: Promise<unknown> = Promise.resolve();
  private jobDone: Promise<BulkJob> | undefined;
  private jobRun: Subscription | undefined;
  private source: PageSource | undefined;
  private current: PageStream | undefined;
  private latest: BulkJob | undefined;
  private failure: { readonly error: unknown } | undefined;
  private finished = false;
  private closed = false;
  /** CSV rows read so far, before typing or skipping: compared with the job's count at the end. */
  private rowsRead = 0;

  /** @internal built by `client.bulk.queryCursor()` */
  constructor(private readonly plan: QueryCursorPlan) {
    this.pipeline = new RowPipeline<T>(plan.rows);
  }

  /** The latest job snapshot, once the job exists. */
  get job(): BulkJob | undefined {
    return this.latest;
  }

  /** Handle on the job (abort it from outside). */
  get control(): JobControl {
    return this.plan.control;
  }

  /** Rows dropped so far by `invalidRows: 'skip'`. */
  get skippedRows(): number {
    return this.pipeline.skipped;
  }

  /** The next rows as they arrive (never an empty array), or null at the end of the result. */
  nextBatch(): Promise<T[] | null> {
    return this.serial(async () => {
      for (let step = await this.step(); step !== null; step = await this.step()) {
        if (step.rows === null) continue;
        const records = this.pipeline.map(step.rows, step.page.index);
        if (records.length > 0) return records;
      }
      return null;
    });
  }

  /** The next page whole (or what is left of the current one), or null at the end. */
  nextPage(): Promise<QueryPage<T> | null> {
    return this.serial(async () => {
      let step = await this.step();
      if (step === null) return null;
      const index = step.page.index;
      const records: T[] = [];
      while (step !== null && step.rows !== null) {
        for (const record of this.pipeline.map(step.rows, index)) records.push(record);
        step = await this.step();
      }
      return { index, records };
    });
  }

  /** The result page by page; leaving the loop early closes the cursor. */
  async *pages(): AsyncGenerator<QueryPage<T>, void, undefined> {
    try {
      for (let page = await this.nextPage(); page !== null; page = await this.nextPage()) yield page;
    } finally {
      await this.close();
    }
  }

  /** The result row by row; leaving the loop early closes the cursor. */
  async *[Symbol.asyncIterator](): AsyncGenerator<T, void, undefined> {
    try {
      for (let batch = await this.nextBatch(); batch !== null; batch = await this.nextBatch()) yield* batch;
    } finally {
      await this.close();
    }
  }

  /**
   * Stops everything: a request in flight is aborted, the page being read is released, and
   * a job still running is aborted on the server (`client.whenSettled()` awaits that). Reads
   * waiting or made afterwards resolve to null. Safe to call more than once.
   */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.closer.abort();
    this.teardown();
  }

  private serial<R>(work: () => Promise<R | null>): Promise<R | null> {
    const guarded = async (): Promise<R | null> => {
      if (this.failure) throw this.failure.error;
      if (this.closed || this.finished) return null;
      try {
        return await work();
      } catch (error) {
        if (this.closed) return null; // closed while waiting: nobody wants the answer
        this.failure = { error };
        this.teardown();
        throw error;
      }
    };
    const run = this.queue.then(guarded, guarded);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Reads the next rows of the current page, opening the job and pages as needed. */
  private async step(): Promise<Step> {
    const signal = this.closer.signal;
    this.source ??= this.openSource(await this.whenJobDone());
    if (this.current === undefined) {
      const page = await this.source.nextPage(signal);
      if (page === null) {
        if (this.source.endUnconfirmed) checkRowCount(this.latest, this.rowsRead);
        this.finished = true;
        this.teardown();
        return null;
      }
      this.current = page;
    }
    const page = this.current;
    const rows = await page.nextBatch(signal);
    if (rows !== null) {
      this.rowsRead += rows.length;
      checkNotOverCount(this.latest, this.rowsRead);
    }
    if (rows === null) {
      page.release();
      this.current = undefined;
    }
    return { page, rows };
  }

  private whenJobDone(): Promise<BulkJob> {
    this.jobDone ??= new Promise<BulkJob>((resolve, reject) => {
      let last: BulkJob | undefined;
      this.jobRun = this.plan.job.subscribe({
        next: (job) => {
          last = job;
          this.latest = job;
          try {
            this.plan.onJob(job);
          } catch (error) {
            reject(error); // a throwing callback ends the run; teardown aborts the job
          }
        },
        error: reject,
        complete: () => (last ? resolve(last) : reject(new Error('the query job ended without a snapshot'))),
      });
    });
    this.jobDone.catch(() => undefined);
    return raceAbort(this.jobDone, this.closer.signal);
  }

  private openSource(job: BulkJob): PageSource {
    const { ctx, maxRecords, parallel, ordered } = this.plan;
    const { maxFieldChars, maxRowChars } = ctx.api.requestLimits;
    const csv = {
      columnDelimiter: job.columnDelimiter ?? this.plan.columnDelimiter,
      lineEnding: job.lineEnding ?? this.plan.lineEnding,
      maxFieldChars,
      maxRowChars,
    };
    return openResultPages(ctx.api, job, { csv, maxRecords, parallel, ordered });
  }

  private teardown(): void {
    this.current?.release();
    this.current = undefined;
    this.source?.close();
    this.jobRun?.unsubscribe();
  }
}
