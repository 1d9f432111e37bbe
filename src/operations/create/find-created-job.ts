import { defer, filter, map, of, toArray, type Observable } from 'rxjs';
import type { ApiClient } from '../../http/api-client.js';
import type { CreateIngestJobBody } from '../../api/ingest-api.js';
import { listJobs } from '../../api/job-list-api.js';
import type { CreateQueryJobBody } from '../../api/query-api.js';
import type { BulkJob } from '../../models/bulk-job.js';
import type { JobOwnership, TimeWindow } from './job-ownership.js';
import { soqlObject } from '../shared/soql-object.js';

/** A job to create: its kind and the body of the create request. */
export type JobSpec =
  | { readonly kind: 'ingest'; readonly definition: CreateIngestJobBody }
  | { readonly kind: 'query'; readonly definition: CreateQueryJobBody };

/** Margin around the search window when the server's clock is known from `Date` headers. */
export const KNOWN_CLOCK_MARGIN_MS = 5_000;
/** Margin when it is not (no response seen yet): client and server clocks may differ this much. */
export const UNKNOWN_CLOCK_MARGIN_MS = 120_000;

/**
 * When (server time) a job made by a create request sent at `sentAt` and failed at `failedAt`
 * (both `scheduler.now()`) was stamped `createdDate`: between the two, shifted by the server
 * clock offset, widened by a margin (the `Date` header has one-second resolution).
 */
export function searchWindow(api: ApiClient, sentAt: number, failedAt: number): TimeWindow {
  const offset = api.serverClockOffsetMs;
  const margin = offset === undefined ? UNKNOWN_CLOCK_MARGIN_MS : KNOWN_CLOCK_MARGIN_MS;
  const shift = offset ?? 0;
  return { from: sentAt + shift - margin, to: failedAt + shift + 1_000 + margin };
}

/**
 * Looks for the job an ambiguously failed create request may have made: lists the jobs of its
 * kind (every page) and keeps those in the state a new job has (`Open` ingest, non-terminal
 * query), with the same definition as far as the listing shows it, stamped within `window`,
 * created by this client's user when known, and held by no client of this process. The
 * earliest such job is claimed in `registry` and emitted; undefined when there is none, or,
 * for a query, when another query of this process could own it (see `JobOwnership.queryConflict`).
 */
export function findCreatedJob(
  api: ApiClient,
  spec: JobSpec,
  window: TimeWindow,
  registry: JobOwnership,
  origin: string,
): Observable<BulkJob | undefined> {
  return defer(() => {
    const conflict = spec.kind === 'query' && registry.queryConflict(queryEntry(origin, spec.definition, window));
    if (conflict) return of(undefined);
    const user = registry.userOf(api.identity);
    return listJobs(api, spec.kind, { jobType: spec.kind === 'ingest' ? 'V2Ingest' : 'V2Query' }).pipe(
      filter(
        (job) =>
          sameDefinition(job, spec) && stampedWithin(job, window) && (user === undefined || job.createdById === user),
      ),
      toArray(),
      map((found) => registry.claim(origin, [...found].sort(byCreatedDate), api.identity)),
    );
  });
}

/** The record `JobOwnership` keeps of an ambiguous query creation. */
export function queryEntry(
  origin: string,
  definition: CreateQueryJobBody,
  window: TimeWindow,
): { origin: string; object: string; operation: string; soql: string; window: TimeWindow } {
  return {
    origin,
    object: soqlObject(definition.query),
    operation: definition.operation,
    soql: definition.query,
    window,
  };
}

/** Same definition, as far as a job listing shows it (a query's SOQL text is not shown). */
function sameDefinition(job: BulkJob, spec: JobSpec): boolean {
  const d = spec.definition;
  if (
    job.operation !== d.operation ||
    !same(job.lineEnding, d.lineEnding) ||
    !same(job.columnDelimiter, d.columnDelimiter)
  )
    return false;
  if (spec.kind === 'query') {
    const object = soqlObject(spec.definition.query);
    return job.state !== 'Open' && !job.isComplete() && object !== '' && sameName(job.object, object);
  }
  const ingest = spec.definition;
  return (
    job.state === 'Open' &&
    sameName(job.object, ingest.object) &&
    sameName(job.externalIdFieldName ?? '', ingest.externalIdFieldName ?? '') &&
    (job.assignmentRuleId === undefined || job.assignmentRuleId === ingest.assignmentRuleId)
  );
}

/** A field the listing omits matches anything; one it shows must be equal. */
function same(shown: string | undefined, wanted: string | undefined): boolean {
  return shown === undefined || wanted === undefined || shown === wanted;
}

/** API names are case-insensitive. */
function sameName(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

function stampedWithin(job: BulkJob, window: TimeWindow): boolean {
  const at = job.createdDate?.getTime();
  return at !== undefined && at >= window.from && at <= window.to;
}

function byCreatedDate(a: BulkJob, b: BulkJob): number {
  return (a.createdDate?.getTime() ?? 0) - (b.createdDate?.getTime() ?? 0);
}
