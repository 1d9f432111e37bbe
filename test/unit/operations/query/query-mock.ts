import { Readable } from 'node:stream';
import type MockAdapter from 'axios-mock-adapter';
import { BASE, JOB_ID, jobInfo, requestLog } from '../../../support/mock-salesforce.js';

export const QUERY_JOBS = `${BASE}/jobs/query`;
export const QUERY_JOB = `${QUERY_JOBS}/${JOB_ID}`;
export const RESULTS = `${QUERY_JOB}/results`;
export const SOQL = 'SELECT Id, Name FROM Account';

/** Query job info as Salesforce sends it. */
export function queryJobInfo(fields: Record<string, unknown> = {}): Record<string, unknown> {
  return jobInfo({ operation: 'query', object: 'Account', state: 'UploadComplete', ...fields });
}

/** Create answers UploadComplete; each poll answers the next state. */
export function mockQueryJob(
  mock: MockAdapter,
  states: readonly string[] = ['InProgress', 'JobComplete'],
  fields: Record<string, unknown> = {},
): void {
  mock.onPost(QUERY_JOBS).replyOnce(200, queryJobInfo(fields));
  for (const state of states)
    mock
      .onGet(QUERY_JOB)
      .replyOnce(200, queryJobInfo({ state, numberRecordsProcessed: state === 'JobComplete' ? 3 : 0, ...fields }));
}

/** Paging headers of a results page; `undefined` leaves a header out. */
export function pageHeaders(locator: string | null | undefined, count?: number): Record<string, string> {
  const headers: Record<string, string> = { 'content-type': 'text/csv; charset=UTF-8' };
  if (locator !== undefined) headers['sforce-locator'] = locator === null ? 'null' : locator;
  if (count !== undefined) headers['sforce-numberofrecords'] = String(count);
  return headers;
}

/** A body delivered in the given byte chunks (a Node stream, as axios gives). */
export function chunked(chunks: readonly (string | Uint8Array)[]): Readable {
  return Readable.from(chunks.map((c) => (typeof c === 'string' ? Buffer.from(c, 'utf8') : Buffer.from(c))));
}

/** A body that sends its first chunk and then stalls until destroyed; `pulled` counts reads. */
export function stalledBody(first: string): Readable & { pulls: number } {
  let sent = false;
  const stream = new Readable({
    read() {
      (stream as Readable & { pulls: number }).pulls += 1;
      if (!sent) {
        sent = true;
        this.push(Buffer.from(first));
      }
    },
  }) as Readable & { pulls: number };
  stream.pulls = 0;
  return stream;
}

/** A promise with its resolver, for replies the test releases. */
export function deferred<T = void>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve: (value: T) => void = () => undefined;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/** `METHOD path?query` of every request so far. */
export async function requestLines(mock: MockAdapter): Promise<string[]> {
  return (await requestLog(mock)).map((r) => `${r.method} ${r.url.replace('/services/data/', '/')}`);
}

/** Lets pending promise callbacks and stream reads run. */
export async function flush(ms = 5): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, ms));
}

export { JOB_ID };

/** Waits until a condition holds (checked every few ms), failing after `ms`. */
export async function until(check: () => boolean | Promise<boolean>, ms = 2000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await flush(2);
  }
}
