import type { EmulatorState } from '../emulator-state.js';
import { getIngestResults } from '../ingest/ingest-results-route.js';
import { createIngestJob, getIngestJob, patchIngestJob, uploadJobData } from '../ingest/ingest-routes.js';
import { listJobs } from '../jobs/job-list-route.js';
import { deleteJob } from '../jobs/job-transitions.js';
import { createQueryJob, getQueryJob, patchQueryJob } from '../query/query-routes.js';
import { getQueryResults } from '../query/query-results-route.js';
import { getResultPages } from '../query/result-pages-route.js';
import { getLimits } from '../stats/limits-route.js';
import { notFoundReply, type Reply } from './reply.js';
import type { RequestContext } from './request-context.js';

type Handler = (state: EmulatorState, ctx: RequestContext) => Reply;

const HANDLERS: Readonly<Record<string, Handler>> = {
  'ingest.create': createIngestJob,
  'ingest.upload': uploadJobData,
  'ingest.close': patchIngestJob,
  'ingest.abort': patchIngestJob,
  'ingest.patch': patchIngestJob,
  'ingest.get': getIngestJob,
  'ingest.list': (state, ctx) => listJobs(state, ctx, 'ingest'),
  'ingest.delete': (state, ctx) => deleteJob(state, ctx, 'ingest'),
  'ingest.results': getIngestResults,
  'query.create': createQueryJob,
  'query.get': getQueryJob,
  'query.abort': patchQueryJob,
  'query.patch': patchQueryJob,
  'query.list': (state, ctx) => listJobs(state, ctx, 'query'),
  'query.delete': (state, ctx) => deleteJob(state, ctx, 'query'),
  'query.results': getQueryResults,
  'query.resultPages': getResultPages,
  'limits.get': (state) => getLimits(state),
};

/** Runs the handler of an authenticated data route. */
export function dispatch(state: EmulatorState, ctx: RequestContext): Reply {
  const handler = HANDLERS[ctx.route];
  return handler ? handler(state, ctx) : notFoundReply();
}

/** PATCH routes are named from the requested state so faults can target close vs abort. */
export function refinePatchRoute(route: string, body: Buffer): string {
  if (route !== 'ingest.patch' && route !== 'query.patch') return route;
  let target: unknown;
  try {
    target = (JSON.parse(body.toString('utf8')) as { state?: unknown } | null)?.state;
  } catch {
    return route;
  }
  const prefix = route.split('.')[0] ?? 'ingest';
  if (target === 'Aborted') return `${prefix}.abort`;
  if (target === 'UploadComplete' && prefix === 'ingest') return 'ingest.close';
  return route;
}
