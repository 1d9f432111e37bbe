import type { EmulatorState } from '../emulator-state.js';
import { multipartBoundary, parseMultipart } from '../http/multipart.js';
import { errorReply, jsonReply, notFoundReply, type Reply } from '../http/reply.js';
import { jsonBody, type RequestContext } from '../http/request-context.js';
import { abortJob, findJob, invalidJobState, requestedState } from '../jobs/job-transitions.js';
import type { IngestJob } from '../jobs/job-types.js';
import { ingestCreateView, ingestInfoView, ingestPatchView } from '../jobs/job-views.js';
import { MULTIPART_MAX_CHARS } from '../options.js';
import { validateIngestSpec, type IngestJobSpec } from './ingest-job-spec.js';

function newJob(state: EmulatorState, ctx: RequestContext, spec: IngestJobSpec): IngestJob {
  const now = state.now();
  const job: IngestJob = {
    ...spec,
    kind: 'ingest',
    id: state.ids.next('750'),
    createdById: ctx.user.id,
    createdDate: now,
    systemModstamp: now,
    apiVersion: ctx.apiVersion,
    state: 'Open',
    numberRecordsProcessed: 0,
    numberRecordsFailed: 0,
    retries: 0,
    nextRow: 0,
    successes: [],
    failures: [],
  };
  state.jobs.add(job);
  return job;
}

/** Multipart create-with-data (§2.1): the job comes back UploadComplete, already queued. */
function createWithData(state: EmulatorState, ctx: RequestContext, boundary: string): Reply {
  const parts = parseMultipart(ctx.body.toString('utf8'), boundary);
  const jobPart = parts.find((p) => p.name === 'job');
  const content = parts.find((p) => p.name === 'content');
  if (!jobPart || !content)
    return errorReply(400, 'INVALIDJOB', 'InvalidJob : A multipart request needs a "job" and a "content" part');
  if (content.body.length > MULTIPART_MAX_CHARS) {
    return errorReply(
      400,
      'INVALIDJOB',
      `InvalidJob : Multipart content exceeds ${MULTIPART_MAX_CHARS} characters; upload the data with PUT instead`,
    );
  }
  let body: unknown;
  try {
    body = JSON.parse(jobPart.body);
  } catch {
    return errorReply(400, 'JSON_PARSER_ERROR', 'The "job" part is not valid JSON');
  }
  const spec = validateIngestSpec(body, state.schema);
  if ('status' in spec) return spec;
  const job = newJob(state, ctx, spec);
  job.upload = Buffer.from(content.body, 'utf8');
  job.state = 'UploadComplete';
  const reply = jsonReply(200, ingestCreateView(job));
  state.engine.schedule(job);
  return reply;
}

/** `POST /jobs/ingest`: JSON create (job Open) or multipart create-with-data. */
export function createIngestJob(state: EmulatorState, ctx: RequestContext): Reply {
  const boundary = multipartBoundary(ctx.headers['content-type']);
  if (boundary) return createWithData(state, ctx, boundary);
  const body = jsonBody(ctx);
  if (body === undefined) return errorReply(400, 'JSON_PARSER_ERROR', 'The request body is not valid JSON');
  const spec = validateIngestSpec(body, state.schema);
  return 'status' in spec ? spec : jsonReply(200, ingestCreateView(newJob(state, ctx, spec)));
}

/**
 * `PUT /jobs/ingest/{id}/batches`: one upload per job (a second one fails as reported for real
 * orgs), only while Open, at most `maxUploadBytes` once base64-encoded.
 */
export function uploadJobData(state: EmulatorState, ctx: RequestContext): Reply {
  const job = findJob(state, ctx, 'ingest');
  if (!job) return notFoundReply();
  const type = ctx.headers['content-type'];
  if (type !== undefined && !/^text\/csv\b/i.test(type)) {
    return errorReply(415, 'INVALIDCONTENTTYPE', `Unsupported content type: ${type}. Upload CSV as text/csv`);
  }
  if (job.state !== 'Open') return invalidJobState(`Job is not open for data upload: current state ${job.state}`);
  if (job.upload !== undefined) {
    return errorReply(
      400,
      'BULK_API_ERROR',
      `Found multiple contents for job: <${job.id}>, please 'Close' / 'Abort' / 'Delete' the current Job then create a new Job and make sure the content is uploaded in one shot.`,
    );
  }
  const base64Size = Math.ceil(ctx.body.length / 3) * 4;
  if (ctx.bodyTooLarge || base64Size > state.options.maxUploadBytes) {
    return errorReply(
      400,
      'EXCEEDED_QUOTA',
      `The upload exceeds the per-job limit of ${state.options.maxUploadBytes} bytes (base64-encoded)`,
    );
  }
  job.upload = Buffer.from(ctx.body);
  job.systemModstamp = state.now();
  return { status: 201 };
}

/** `PATCH /jobs/ingest/{id}`: `UploadComplete` closes an Open job, `Aborted` aborts a live one. */
export function patchIngestJob(state: EmulatorState, ctx: RequestContext): Reply {
  const job = findJob(state, ctx, 'ingest');
  if (!job) return notFoundReply();
  const target = requestedState(jsonBody(ctx));
  if (target === 'Aborted') {
    return abortJob(state, job) ?? jsonReply(200, ingestPatchView(job));
  }
  if (target !== 'UploadComplete') return invalidJobState(`Invalid state change requested: ${String(target)}`);
  if (job.state !== 'Open')
    return invalidJobState(`Unable to change the job state to UploadComplete: current state ${job.state}`);
  job.state = 'UploadComplete';
  job.systemModstamp = state.now();
  const reply = jsonReply(200, ingestPatchView(job));
  state.engine.schedule(job);
  return reply;
}

/** `GET /jobs/ingest/{id}`. */
export function getIngestJob(state: EmulatorState, ctx: RequestContext): Reply {
  const job = findJob(state, ctx, 'ingest');
  return job ? jsonReply(200, ingestInfoView(job, state.now())) : notFoundReply();
}
