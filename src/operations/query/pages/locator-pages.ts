import type { CsvParseOptions } from '../../../csv/csv-push-parser.js';
import { ResponseValidationError } from '../../../errors/response-validation-error.js';
import type { ApiClient } from '../../../http/api-client.js';
import { getQueryResultsPage } from '../../../api/query-api.js';
import type { BulkJob } from '../../../models/bulk-job.js';
import { firstValueAbortable } from '../abortable.js';
import type { PageSource, PageStream } from './page-source.js';
import { maxPages, tooManyPages } from '../check-row-count.js';
import { ResultPage } from './result-page.js';

/** Longest locator accepted: real ones are tens of characters; anything near this is garbage. */
const MAX_LOCATOR_LENGTH = 2048;
/** Visible ASCII only: no spaces, control characters or non-ASCII. */
const LOCATOR = /^[\x21-\x7e]+$/;

/**
 * The documented paging loop: the first `results` request carries no locator; while the
 * page's `Sforce-Locator` is not the literal `null`, the next request carries
 * `locator=<value>` and the same `maxRecords`. A page without the header ends the result
 * too (some proxies strip unknown headers; treating it as the end cannot loop forever), and
 * the cursor then checks the rows read against the job's count, so a lost page is an error.
 * A locator that is malformed or that comes back a second time is a `ResponseValidationError`.
 */
export class LocatorPages implements PageSource {
  private locator: string | undefined;
  private done = false;
  private index = 0;
  /** The last page had no `Sforce-Locator` at all (not even `null`). */
  endUnconfirmed = false;
  private readonly seen = new Set<string>();

  constructor(
    private readonly api: ApiClient,
    private readonly job: BulkJob,
    private readonly csv: CsvParseOptions,
    private readonly maxRecords: number | undefined,
  ) {}

  async nextPage(signal: AbortSignal): Promise<PageStream | null> {
    if (this.done) return null;
    const limit = maxPages(this.job);
    if (this.index >= limit) throw tooManyPages(this.job, limit, 'pages');
    const request = getQueryResultsPage(this.api, this.job, { locator: this.locator, maxRecords: this.maxRecords });
    const response = await firstValueAbortable(request, signal);
    const page = new ResultPage(this.index, response, this.csv);
    try {
      this.advance(response.headers['sforce-locator']);
    } catch (error) {
      page.release();
      throw error;
    }
    this.index += 1;
    return page;
  }

  close(): void {
    this.done = true;
  }

  private advance(header: string | undefined): void {
    if (header === undefined || header === 'null') {
      this.done = true;
      this.endUnconfirmed = header === undefined;
      return;
    }
    const page = this.index + 1;
    if (header.length > MAX_LOCATOR_LENGTH || !LOCATOR.test(header)) {
      throw invalid(`Result page ${page} has a malformed Sforce-Locator header (${header.length} characters)`, header);
    }
    if (this.seen.has(header)) {
      throw invalid(
        `Result page ${page} repeats the Sforce-Locator of an earlier page: paging would never end`,
        header,
      );
    }
    this.seen.add(header);
    this.locator = header;
  }
}

function invalid(message: string, raw: string): ResponseValidationError {
  return new ResponseValidationError(message, {
    issues: [{ path: ['headers', 'sforce-locator'], message }],
    raw: raw.slice(0, 200),
  });
}
