import { defer, EMPTY, expand, mergeMap, type Observable } from 'rxjs';
import * as z from 'zod/mini';
import { ResponseValidationError } from '../errors/response-validation-error.js';
import { ValidationError } from '../errors/validation-error.js';
import type { ApiClient } from '../http/api-client.js';
import { BulkJob } from '../models/bulk-job.js';
import { JOB_STATES, type JobState } from '../models/job-state.js';
import { checkSchema } from '../schemas/check-schema.js';
import { jobListSchema, type JobListEntry } from '../schemas/job-list.js';

/** Filters of the job listings. */
export interface ListJobsOptions {
  readonly jobType?: 'V2Ingest' | 'V2Query' | 'Classic' | 'BigObjectIngest';
  readonly isPkChunkingEnabled?: boolean;
  readonly concurrencyMode?: string;
}

const listJobsOptionsSchema = z.strictObject({
  jobType: z.optional(z.enum(['V2Ingest', 'V2Query', 'Classic', 'BigObjectIngest'])),
  isPkChunkingEnabled: z.optional(z.boolean()),
  // Salesforce's values are single words (Parallel, Serial): anything else would reshape the query string
  concurrencyMode: z.optional(z.string().check(z.regex(/^[A-Za-z]{1,40}$/, 'must be a plain word such as Parallel'))),
});

/**
 * `GET /jobs/ingest` or `/jobs/query`, following `nextRecordsUrl` page by page (the next
 * page is requested only after the previous one was emitted). Emits one snapshot per job.
 * The kind goes into the path and the filters into the query string, so both are checked
 * first: anything else is a `ValidationError` before any request.
 */
export function listJobs(api: ApiClient, kind: 'ingest' | 'query', options: ListJobsOptions = {}): Observable<BulkJob> {
  const first = defer(() => {
    const query = checkListJobs(kind, options);
    return api.json(
      { method: 'GET', path: api.dataPath(`/jobs/${kind}`), query: { ...query }, route: `${kind}.list` },
      jobListSchema,
      'job list',
    );
  });
  // a listing that never ends (a new nextRecordsUrl forever, or one seen before) is refused
  const seen = new Set<string>();
  return first.pipe(
    expand((page) => {
      if (page.done || !page.nextRecordsUrl) return EMPTY;
      if (seen.has(page.nextRecordsUrl) || seen.size >= MAX_LISTING_PAGES) throw endlessListing(kind, seen.size);
      seen.add(page.nextRecordsUrl);
      return api.json({ method: 'GET', path: page.nextRecordsUrl, route: `${kind}.list` }, jobListSchema, 'job list');
    }),
    mergeMap((page) => page.records.filter(isModelled).map((entry) => new BulkJob(entry, kind))),
  );
}

/** Pages of one job listing: Salesforce keeps jobs for 7 days, 1,000 to a page; far below this. */
const MAX_LISTING_PAGES = 10_000;

function endlessListing(kind: string, pages: number): ResponseValidationError {
  const message = `The ${kind} job listing goes on past ${pages + 1} pages or repeats a nextRecordsUrl: it would never end`;
  return new ResponseValidationError(message, { issues: [{ path: ['nextRecordsUrl'], message }], raw: { pages } });
}

/** Listings may include Classic jobs in states we do not model; keep only Bulk 2.0 states. */
function isModelled(entry: JobListEntry): entry is JobListEntry & { readonly state: JobState } {
  return JOB_STATES.some((state) => state === entry.state);
}

function checkListJobs(kind: unknown, options: unknown): ListJobsOptions {
  if (kind !== 'ingest' && kind !== 'query') {
    const message = `listJobs: kind must be 'ingest' or 'query' (got ${JSON.stringify(String(kind).slice(0, 40))})`;
    throw new ValidationError(message, [{ message: "not 'ingest' or 'query'", field: 'kind' }]);
  }
  const result = checkSchema(listJobsOptionsSchema, options ?? {});
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => ({
    message: issue.code === 'unrecognized_keys' ? `unknown filter ${issue.keys.join(', ')}` : issue.message,
    field: issue.code === 'unrecognized_keys' ? issue.keys.join(', ') : issue.path.join('.'),
  }));
  throw new ValidationError(`listJobs: ${issues.map((i) => `${i.field}: ${i.message}`).join('; ')}`, issues);
}
