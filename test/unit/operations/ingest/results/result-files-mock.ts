import { Readable } from 'node:stream';
import axios from 'axios';
import MockAdapter from 'axios-mock-adapter';
import { AccessTokenAuthenticator } from '../../../../../src/auth/access-token.js';
import { ApiClient } from '../../../../../src/http/api-client.js';
import { axiosTransport } from '../../../../../src/http/axios-transport.js';
import { DEFAULT_REQUEST_LIMITS, type RequestLimits } from '../../../../../src/http/request-limits.js';
import type { BulkJob } from '../../../../../src/models/bulk-job.js';
import type { JobInfoFields } from '../../../../../src/schemas/job-info.js';
import { jobSnapshot } from '../../../../support/jobs.js';
import { BASE, INSTANCE, TOKEN } from '../../../../support/mock-salesforce.js';

/** A finished job whose result files the tests serve. */
export function finishedJob(fields: Partial<JobInfoFields> = {}): BulkJob {
  return jobSnapshot({ state: 'JobComplete', ...fields });
}

/** The URL of a result file of `job`. */
export function resultUrl(job: BulkJob, file: 'successfulResults' | 'failedResults' | 'unprocessedrecords'): string {
  return `${BASE}/jobs/ingest/${job.id}/${file}`;
}

/**
 * An ApiClient over axios-mock-adapter (every request must be mocked). No idle timeout, so no
 * timer runs while a body is read, and no retry.
 */
export function mockApi(limits: Partial<RequestLimits> = {}): { api: ApiClient; mock: MockAdapter } {
  const instance = axios.create();
  const mock = new MockAdapter(instance, { onNoMatch: 'throwException' });
  const api = new ApiClient({
    transport: axiosTransport({ instance }),
    auth: new AccessTokenAuthenticator({ instanceUrl: INSTANCE, accessToken: TOKEN }),
    apiVersion: '66.0',
    retryPolicy: { maxRetries: 0, initialDelayMs: 1, factor: 1, maxDelayMs: 1, jitter: 0 },
    requestLimits: { ...DEFAULT_REQUEST_LIMITS, idleTimeoutMs: Infinity, ...limits },
  });
  return { api, mock };
}

export const CSV_HEADERS = { 'content-type': 'text/csv; charset=UTF-8' };

/** A body delivered in exactly these chunks, as axios gives a Node stream. */
export function chunked(chunks: readonly (string | Uint8Array)[]): Readable {
  return Readable.from(chunks.map((c) => (typeof c === 'string' ? Buffer.from(c, 'utf8') : Buffer.from(c))));
}

/** `text` as UTF-8, cut into two chunks after byte `at` (which may fall inside a character). */
export function splitAt(text: string, at: number): Uint8Array[] {
  const bytes = new TextEncoder().encode(text);
  return [bytes.subarray(0, at), bytes.subarray(at)];
}

/** A body that sends `first`, then nothing until it is destroyed. */
export function stalledBody(first: string): Readable {
  let sent = false;
  return new Readable({
    read() {
      if (sent) return;
      sent = true;
      this.push(Buffer.from(first));
    },
  });
}
