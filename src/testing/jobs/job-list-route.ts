import type { EmulatorState } from '../emulator-state.js';
import { errorReply, jsonReply, type Reply } from '../http/reply.js';
import { versionSegment, type RequestContext } from '../http/request-context.js';
import type { Job } from './job-types.js';
import { listEntryView } from './job-views.js';

const JOB_TYPES: Readonly<Record<string, Job['kind'] | undefined>> = { V2Ingest: 'ingest', V2Query: 'query' };

/** Locators look like Salesforce's (`<15-char id>-<offset>`) but are only parsed back by us. */
function locatorPrefix(state: EmulatorState): string {
  return `01g${state.orgId.slice(3, 15)}`;
}

function selectJobs(state: EmulatorState, ctx: RequestContext, kind: Job['kind']): Job[] {
  const jobType = ctx.query.get('jobType');
  // Classic (Bulk 1.0) and BigObjectIngest jobs, and PK chunking, do not exist in the emulator.
  if (ctx.query.get('isPkChunkingEnabled') === 'true') return [];
  const mode = ctx.query.get('concurrencyMode');
  if (mode !== null && mode !== 'Parallel') return [];
  const wanted = jobType === null ? kind : JOB_TYPES[jobType];
  return wanted ? state.jobs.all().filter((j) => j.kind === wanted) : [];
}

/** `GET /jobs/ingest` and `GET /jobs/query`: pages of `listPageSize` with `done` / `nextRecordsUrl`. */
export function listJobs(state: EmulatorState, ctx: RequestContext, kind: Job['kind']): Reply {
  const jobs = selectJobs(state, ctx, kind);
  const locator = ctx.query.get('queryLocator');
  let offset = 0;
  if (locator !== null) {
    const m = /^([a-zA-Z0-9]{15})-(\d+)$/.exec(locator);
    if (!m || m[1] !== locatorPrefix(state)) return errorReply(400, 'INVALID_QUERY_LOCATOR', 'invalid query locator');
    offset = Number(m[2]);
  }
  const end = offset + state.options.listPageSize;
  const done = end >= jobs.length;
  const next = new URLSearchParams(ctx.query);
  next.set('queryLocator', `${locatorPrefix(state)}-${end}`);
  return jsonReply(200, {
    done,
    records: jobs.slice(offset, end).map(listEntryView),
    nextRecordsUrl: done ? null : `/services/data/${versionSegment(ctx.apiVersion)}/jobs/${kind}?${next.toString()}`,
  });
}
