import { ResponseValidationError } from '../../errors/response-validation-error.js';
import type { BulkJob } from '../../models/bulk-job.js';

/** Pages a result may have when the server sends no row count: far beyond any real export. */
const PAGES_WITHOUT_COUNT = 1_000_000;

/** The rows the job says its result holds, when the server reported it. */
export function expectedRows(job: BulkJob | undefined): number | undefined {
  return job?.toInfo().numberRecordsProcessed;
}

/**
 * The most pages a result can have: every page but the last holds at least one row, so a
 * result of n rows has at most n + 1 pages. Paging past it means the server is looping.
 */
export function maxPages(job: BulkJob | undefined): number {
  const rows = expectedRows(job);
  return rows === undefined ? PAGES_WITHOUT_COUNT : rows + 1;
}

/**
 * Rows read so far may not pass the job's count: an endless or padded result is refused at
 * the first extra row, with memory flat, instead of being read to the end.
 */
export function checkNotOverCount(job: BulkJob | undefined, read: number): void {
  const expected = expectedRows(job);
  if (expected === undefined || read <= expected) return;
  const message = `The result of job ${job?.id ?? ''} holds more rows than the ${expected} the job reports: reading stopped`;
  throw new ResponseValidationError(message, {
    issues: [{ path: ['result', 'rows'], message }],
    raw: { readAtLeast: read, expected },
  });
}

/**
 * The pages ended: they must have held every row the job counted. Fewer rows means the paging
 * stopped early (a `Sforce-Locator` lost by a proxy, a page cut short), which is an error,
 * never a silently shorter result.
 */
export function checkRowCount(job: BulkJob | undefined, read: number): void {
  const expected = job?.numberRecordsProcessed ?? 0;
  if (read >= expected) return;
  const message = `The result of job ${job?.id ?? ''} ended after ${read} rows but the job reports ${expected}: a result page or its Sforce-Locator was lost`;
  throw new ResponseValidationError(message, {
    issues: [{ path: ['result', 'rows'], message }],
    raw: { read, expected },
  });
}

/** Paging went on past the most pages the job's rows allow. */
export function tooManyPages(job: BulkJob, pages: number, what: string): ResponseValidationError {
  const message = `The result of job ${job.id} goes on past ${pages} ${what} although the job reports ${expectedRows(job) ?? 'no'} rows: paging would never end`;
  return new ResponseValidationError(message, { issues: [{ path: ['result', 'pages'], message }], raw: { pages } });
}
