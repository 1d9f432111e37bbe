import type { CsvParseOptions } from '../../../csv/csv-push-parser.js';
import { ApiError } from '../../../errors/api-error.js';
import { ResponseValidationError } from '../../../errors/response-validation-error.js';
import type { ApiClient } from '../../../http/api-client.js';
import { getQueryResultsPage, getResultPages } from '../../../api/query-api.js';
import type { BulkJob } from '../../../models/bulk-job.js';
import { firstValueAbortable, raceAbort } from '../abortable.js';
import { BufferedPage, type PageSource, type PageStream } from './page-source.js';
import { maxPages, tooManyPages } from '../check-row-count.js';
import { ResultPage } from './result-page.js';

/** How {@link ParallelPages} downloads. */
export interface ParallelSettings {
  /** Pages downloaded at once (and at most buffered). */
  readonly concurrency: number;
  /** Hand pages out in result order (true) or as they finish (false). */
  readonly ordered: boolean;
}

interface Download {
  readonly index: number;
  readonly page: Promise<BufferedPage>;
}

/**
 * Parallel results (`resultPages`, API 58.0+): lists result URLs (following
 * `nextRecordsUrl` until `done`) and downloads up to `concurrency` pages at once, each read
 * whole and checked against its `Sforce-NumberOfRecords`. It is pulled like the locator
 * loop: every `nextPage()` tops the window up to `concurrency` downloads, so at most that
 * many pages are held while the consumer works. When the endpoint is absent (404 on the
 * first listing) every call goes to the `fallback` source instead.
 */
export class ParallelPages implements PageSource {
  private readonly downloads = new AbortController();
  private readonly queued: string[] = [];
  private readonly inFlight: Download[] = [];
  private readonly seenListings = new Set<string>();
  private listingUrl: string | undefined;
  private listed = false;
  private listingDone = false;
  private nextIndex = 0;
  private listings = 0;
  private delegate: PageSource | undefined;
  private readonly failure: Promise<never>;
  private fail: (error: unknown) => void = () => undefined;

  constructor(
    private readonly api: ApiClient,
    private readonly job: BulkJob,
    private readonly csv: CsvParseOptions,
    private readonly settings: ParallelSettings,
    private readonly fallback: () => PageSource,
  ) {
    this.failure = new Promise<never>((_resolve, reject) => (this.fail = reject));
    this.failure.catch(() => undefined);
  }

  async nextPage(signal: AbortSignal): Promise<PageStream | null> {
    if (this.delegate === undefined) await this.fill(signal);
    if (this.delegate !== undefined) return this.delegate.nextPage(signal);
    if (this.inFlight.length === 0) return null;
    const chosen = this.settings.ordered
      ? (this.inFlight[0] as Download)
      : await raceAbort(
          Promise.race(
            this.inFlight.map((d) =>
              d.page.then(
                () => d,
                () => d,
              ),
            ),
          ),
          signal,
        );
    this.inFlight.splice(this.inFlight.indexOf(chosen), 1);
    // any download failing fails the read at once, not when its turn comes
    return raceAbort(Promise.race([chosen.page, this.failure]), signal);
  }

  close(): void {
    this.downloads.abort();
    this.delegate?.close();
  }

  private async fill(signal: AbortSignal): Promise<void> {
    while (this.inFlight.length < this.settings.concurrency) {
      const url = this.queued.shift();
      if (url !== undefined) {
        this.start(url);
        continue;
      }
      if (this.listingDone || !(await this.list(signal))) return;
    }
  }

  /** Fetches one listing; false when the endpoint does not exist and the fallback took over. */
  private async list(signal: AbortSignal): Promise<boolean> {
    // every listing but the last names at least one page, and there are at most that many pages
    const limit = maxPages(this.job);
    if (this.listings >= limit) throw tooManyPages(this.job, limit, 'result page listings');
    this.listings += 1;
    let answer;
    try {
      answer = await firstValueAbortable(getResultPages(this.api, this.job, this.listingUrl), signal);
    } catch (error) {
      if (!this.listed && error instanceof ApiError && error.status === 404) {
        this.delegate = this.fallback();
        return false;
      }
      throw error;
    }
    this.listed = true;
    if (this.nextIndex + this.queued.length + answer.urls.length > limit) throw tooManyPages(this.job, limit, 'pages');
    for (const url of answer.urls) this.queued.push(url);
    const next = answer.nextRecordsUrl;
    if (answer.done || !next) {
      this.listingDone = true;
    } else if (this.seenListings.has(next)) {
      const message = 'resultPages repeats a nextRecordsUrl: the listing would never end';
      throw new ResponseValidationError(message, {
        issues: [{ path: ['nextRecordsUrl'], message }],
        raw: next.slice(0, 200),
      });
    } else {
      this.seenListings.add(next);
      this.listingUrl = next;
    }
    return true;
  }

  private start(url: string): void {
    const index = this.nextIndex;
    this.nextIndex += 1;
    const page = this.download(url, index);
    page.catch((error: unknown) => this.fail(error));
    this.inFlight.push({ index, page });
  }

  private async download(url: string, index: number): Promise<BufferedPage> {
    const signal = this.downloads.signal;
    const response = await firstValueAbortable(getQueryResultsPage(this.api, this.job, { url }), signal);
    const page = new ResultPage(index, response, this.csv, url);
    const rows = await page.readAll(signal);
    return new BufferedPage(index, rows, page.expectedRows);
  }
}
