import type { EmulatorState } from '../emulator-state.js';
import { csvReply, errorReply, notFoundReply, type Reply } from '../http/reply.js';
import { versionSegment, type RequestContext } from '../http/request-context.js';
import { findJob } from '../jobs/job-transitions.js';
import type { QueryJob } from '../jobs/job-types.js';
import { decodeLocator, encodeLocator, queryPageCsv } from './query-csv.js';

const UPPER_STATES: Readonly<Record<string, string>> = {
  UploadComplete: 'UPLOAD_COMPLETE',
  InProgress: 'IN_PROGRESS',
  Failed: 'FAILED',
  Aborted: 'ABORTED',
};

/**
 * Shared checks of results and resultPages: the job must exist (404), be read with the API
 * version it was created with (409) and be JobComplete. For an unfinished job we answer 400
 * with the `JOB_NOT_COMPLETE` body older docs printed (status code unconfirmed; 400 is the
 * family every other state error uses).
 */
export function completedQueryJob(state: EmulatorState, ctx: RequestContext): QueryJob | Reply {
  const job = findJob(state, ctx, 'query');
  if (!job) return notFoundReply();
  if (job.apiVersion !== ctx.apiVersion) {
    return errorReply(
      409,
      'API_ERROR',
      `The API version of this request (${versionSegment(ctx.apiVersion)}) does not match the API version of the job (${versionSegment(job.apiVersion)})`,
    );
  }
  if (job.state !== 'JobComplete') {
    return errorReply(
      400,
      'JOB_NOT_COMPLETE',
      `can only download query results of successfully completed bulk job with status: JOB_COMPLETE. Current status: ${UPPER_STATES[job.state] ?? job.state}`,
    );
  }
  return job;
}

/** `maxRecords` as a positive integer, the default when absent, or undefined when invalid. */
export function pageSize(ctx: RequestContext, fallback: number): number | undefined {
  const raw = ctx.query.get('maxRecords');
  if (raw === null || raw === '') return fallback;
  return /^\d+$/.test(raw) && Number(raw) > 0 ? Number(raw) : undefined;
}

/** `GET /jobs/query/{id}/results?locator=&maxRecords=`: one CSV page with Sforce-Locator / Sforce-NumberOfRecords. */
export function getQueryResults(state: EmulatorState, ctx: RequestContext): Reply {
  const job = completedQueryJob(state, ctx);
  if ('status' in job) return job;
  const size = pageSize(ctx, state.options.queryPageSize);
  if (size === undefined) return errorReply(400, 'API_ERROR', 'maxRecords must be a positive integer');
  const total = job.results?.length ?? 0;
  const locator = ctx.query.get('locator');
  const offset = locator === null || locator === '' ? 0 : decodeLocator(locator);
  if (offset === undefined || offset > total) return errorReply(400, 'INVALID_QUERY_LOCATOR', 'invalid query locator');
  const count = Math.min(size, total - offset);
  const next = offset + count < total ? encodeLocator(offset + count) : 'null';
  return csvReply(() => queryPageCsv(job, offset, count), {
    'Sforce-Locator': next,
    'Sforce-NumberOfRecords': String(count),
  });
}
