import type { CsvParseOptions } from '../../../csv/csv-push-parser.js';
import type { ApiClient } from '../../../http/api-client.js';
import type { BulkJob } from '../../../models/bulk-job.js';
import { LocatorPages } from './locator-pages.js';
import type { PageSource } from './page-source.js';
import { ParallelPages } from './parallel-pages.js';

/** How a query wants its result pages read. */
export interface ResultPagesSettings {
  readonly csv: CsvParseOptions;
  readonly maxRecords: number | undefined;
  readonly parallel: number;
  readonly ordered: boolean;
}

/** `resultPages` exists from this API version on. */
const PARALLEL_SINCE = 58;

/**
 * Picks how to read a completed job's results: parallel `resultPages` downloads when more
 * than one page at a time is wanted and the job's API version has them (falling back to the
 * locator loop if the endpoint turns out absent), otherwise the locator loop.
 */
export function openResultPages(api: ApiClient, job: BulkJob, settings: ResultPagesSettings): PageSource {
  const locatorLoop = (): PageSource => new LocatorPages(api, job, settings.csv, settings.maxRecords);
  // results must be read with the job's API version
  const version = job.apiVersion ?? Number(api.apiVersion);
  if (settings.parallel > 1 && version >= PARALLEL_SINCE) {
    return new ParallelPages(
      api,
      job,
      settings.csv,
      { concurrency: settings.parallel, ordered: settings.ordered },
      locatorLoop,
    );
  }
  return locatorLoop();
}
