import type { EmulatorState } from '../emulator-state.js';
import { errorReply, jsonReply, notFoundReply, type Reply } from '../http/reply.js';
import { versionSegment, type RequestContext } from '../http/request-context.js';
import { decodeLocator, encodeLocator } from './query-csv.js';
import { completedQueryJob, pageSize } from './query-results-route.js';

const URLS_PER_RESPONSE = 5;

/**
 * `GET /jobs/query/{id}/resultPages` (API 58.0+): up to five result URLs per response, in the
 * documented shape (`resultPages[].resultUrl`) or the one reported from real orgs
 * (`resultChunks[].resultLink`), per the `resultPages` option; `disabled` answers 404.
 */
export function getResultPages(state: EmulatorState, ctx: RequestContext): Reply {
  const mode = state.options.resultPages;
  if (mode === 'disabled') return notFoundReply();
  const job = completedQueryJob(state, ctx);
  if ('status' in job) return job;
  const size = pageSize(ctx, state.options.queryPageSize);
  if (size === undefined) return errorReply(400, 'API_ERROR', 'maxRecords must be a positive integer');
  const total = job.results?.length ?? 0;
  const pages = Math.max(1, Math.ceil(total / size));
  const locator = ctx.query.get('locator');
  const first = locator === null || locator === '' ? 0 : decodeLocator(locator);
  if (first === undefined || first >= pages) return errorReply(400, 'INVALID_QUERY_LOCATOR', 'invalid query locator');
  const base = `/services/data/${versionSegment(job.apiVersion)}/jobs/query/${job.id}`;
  const urls: string[] = [];
  for (let page = first; page < Math.min(pages, first + URLS_PER_RESPONSE); page++) {
    const offset = page * size;
    urls.push(`${base}/results?maxRecords=${size}${offset > 0 ? `&locator=${encodeLocator(offset)}` : ''}`);
  }
  const nextPage = first + URLS_PER_RESPONSE;
  const done = nextPage >= pages;
  const nextRecordsUrl = done ? null : `${base}/resultPages?locator=${encodeLocator(nextPage)}&maxRecords=${size}`;
  const list =
    mode === 'observed'
      ? { resultChunks: urls.map((resultLink) => ({ resultLink })) }
      : { resultPages: urls.map((resultUrl) => ({ resultUrl })) };
  return jsonReply(200, { ...list, nextRecordsUrl, done });
}
