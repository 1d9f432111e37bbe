import { defer, EMPTY, expand, mergeMap, type Observable } from 'rxjs';
import type { ApiClient } from '../http/api-client.js';
import { BulkJob } from '../models/bulk-job.js';
import { JOB_STATES, type JobState } from '../models/job-state.js';
import { jobListSchema, type JobListEntry } from '../schemas/job-list.js';

/** Filters of the job listings. */
export interface ListJobsOptions {
  readonly jobType?: 'V2Ingest' | 'V2Query' | 'Classic' | 'BigObjectIngest';
  readonly isPkChunkingEnabled?: boolean;
  readonly concurrencyMode?: string;
}

/**
 * `GET /jobs/ingest` or `/jobs/query`, following `nextRecordsUrl` page by page (the next
 * page is requested only after the previous one was emitted). Emits one snapshot per job.
 */
export function listJobs(api: ApiClient, kind: 'ingest' | 'query', options: ListJobsOptions = {}): Observable<BulkJob> {
  const first = defer(() =>
    api.json(
      { method: 'GET', path: api.dataPath(`/jobs/${kind}`), query: { ...options }, route: `${kind}.list` },
      jobListSchema,
      'job list',
    ),
  );
  return first.pipe(
    expand((page) =>
      page.done || !page.nextRecordsUrl
        ? EMPTY
        : api.json({ method: 'GET', path: page.nextRecordsUrl, route: `${kind}.list` }, jobListSchema, 'job list'),
    ),
    mergeMap((page) => page.records.filter(isModelled).map((entry) => new BulkJob(entry, kind))),
  );
}

/** Listings may include Classic jobs in states we do not model; keep only Bulk 2.0 states. */
function isModelled(entry: JobListEntry): entry is JobListEntry & { readonly state: JobState } {
  return JOB_STATES.some((state) => state === entry.state);
}
