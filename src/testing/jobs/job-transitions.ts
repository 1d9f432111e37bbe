import type { EmulatorState } from '../emulator-state.js';
import { errorReply, notFoundReply, type Reply } from '../http/reply.js';
import type { RequestContext } from '../http/request-context.js';
import { isTerminal, type EmulatorJobState, type Job } from './job-types.js';

/** The job named in the path, if it exists and is of the route's kind. */
export function findJob<K extends Job['kind']>(
  state: EmulatorState,
  ctx: RequestContext,
  kind: K,
): Extract<Job, { kind: K }> | undefined {
  const job = ctx.params.jobId ? state.jobs.get(ctx.params.jobId) : undefined;
  return job?.kind === kind ? (job as Extract<Job, { kind: K }>) : undefined;
}

/** 400 INVALIDJOBSTATE, the answer to every illegal state change. */
export function invalidJobState(message: string): Reply {
  return errorReply(400, 'INVALIDJOBSTATE', message);
}

/**
 * Aborts a job: allowed while Open (ingest), UploadComplete or InProgress; rows not yet
 * processed stay unprocessed. A terminal job answers the documented 400.
 */
export function abortJob(state: EmulatorState, job: Job): Reply | undefined {
  if (isTerminal(job.state)) return invalidJobState('Aborting already Completed Job not allowed');
  state.engine.cancel(job.id);
  job.state = 'Aborted';
  job.endedAt = state.now();
  job.systemModstamp = state.now();
  return undefined;
}

const DELETABLE: Readonly<Record<Job['kind'], readonly EmulatorJobState[]>> = {
  ingest: ['UploadComplete', 'JobComplete', 'Aborted', 'Failed'],
  query: ['JobComplete', 'Aborted', 'Failed'],
};

/** DELETE: 204, or 400 API_ERROR when the job is not in a deletable state (§1.2, §1.3). */
export function deleteJob(state: EmulatorState, ctx: RequestContext, kind: Job['kind']): Reply {
  const job = findJob(state, ctx, kind);
  if (!job) return notFoundReply();
  if (!DELETABLE[kind].includes(job.state)) {
    return errorReply(400, 'API_ERROR', 'Error encountered when deleting the job because the job is not terminated');
  }
  state.engine.cancel(job.id);
  state.jobs.delete(job.id);
  return { status: 204 };
}

/** The `state` of a PATCH body, or undefined. */
export function requestedState(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const value = (body as { state?: unknown }).state;
  return typeof value === 'string' ? value : undefined;
}
