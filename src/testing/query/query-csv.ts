import { csvLine, quoteCsv } from '../core/csv-format.js';
import type { QueryJob } from '../jobs/job-types.js';

const ROWS_PER_CHUNK = 1000;

/**
 * One result value as Salesforce writes it: null -> empty, booleans `true`/`false`, numbers
 * plain, dates `yyyy-MM-dd` and datetimes `yyyy-MM-ddTHH:mm:ss.SSSZ` as stored.
 */
export function formatQueryValue(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString();
  return JSON.stringify(value);
}

/** Streams rows [offset, offset + count) of a query job as CSV, header = the select list as written. */
export function* queryPageCsv(job: QueryJob, offset: number, count: number): Generator<string> {
  const rows = job.results ?? [];
  let chunk = csvLine(job.parsed.fields.map(quoteCsv), job.columnDelimiter, job.lineEnding);
  const end = Math.min(rows.length, offset + count);
  for (let i = offset; i < end; i++) {
    chunk += csvLine(
      (rows[i] ?? []).map((v) => quoteCsv(formatQueryValue(v))),
      job.columnDelimiter,
      job.lineEnding,
    );
    if ((i - offset + 1) % ROWS_PER_CHUNK === 0) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk !== '') yield chunk;
}

/** Locators are base64 of the row offset without padding (`MTAwMDA` = 10000), as in the doc examples. */
export function encodeLocator(offset: number): string {
  return Buffer.from(String(offset), 'utf8').toString('base64').replace(/=+$/, '');
}

/** The offset behind a locator; undefined when it is not one of ours. */
export function decodeLocator(locator: string): number | undefined {
  const text = Buffer.from(locator, 'base64').toString('utf8');
  return /^\d+$/.test(text) && encodeLocator(Number(text)) === locator ? Number(text) : undefined;
}
