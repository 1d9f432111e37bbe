import { isColumnDelimiter, isLineEnding } from '../core/csv-format.js';
import type { EmulatorState } from '../emulator-state.js';
import { errorReply, jsonReply, notFoundReply, type Reply } from '../http/reply.js';
import { jsonBody, type RequestContext } from '../http/request-context.js';
import { abortJob, findJob, invalidJobState, requestedState } from '../jobs/job-transitions.js';
import type { QueryJob } from '../jobs/job-types.js';
import { queryCreateView, queryInfoView } from '../jobs/job-views.js';
import { soqlSchemaOf } from '../org/soql-adapter.js';
import { SoqlError, parseSoql, validateSoql, type SoqlQuery } from '../soql/index.js';

function soqlFailure(error: unknown): Reply {
  if (error instanceof SoqlError) return errorReply(400, error.errorCode, error.message);
  return errorReply(400, 'MALFORMED_QUERY', error instanceof Error ? error.message : String(error));
}

/** Parses and validates SOQL; invalid SOQL answers 400 `[{"errorCode":"MALFORMED_QUERY"|"INVALID_FIELD"|...}]`. */
function compile(state: EmulatorState, text: string): SoqlQuery | Reply {
  try {
    const query = parseSoql(text);
    validateSoql(query, soqlSchemaOf(state.schema));
    return query;
  } catch (error) {
    return soqlFailure(error);
  }
}

/** `POST /jobs/query`: 200 with the job in UploadComplete; processing starts right away. */
export function createQueryJob(state: EmulatorState, ctx: RequestContext): Reply {
  const body = jsonBody(ctx);
  if (typeof body !== 'object' || body === null)
    return errorReply(400, 'JSON_PARSER_ERROR', 'The request body is not valid JSON');
  const input = body as Record<string, unknown>;
  const operation = input.operation;
  if (operation !== 'query' && operation !== 'queryAll') {
    return errorReply(400, 'INVALIDJOB', `InvalidJob : Invalid operation: ${String(operation)}`);
  }
  if (typeof input.query !== 'string' || input.query.trim() === '')
    return errorReply(400, 'INVALIDJOB', 'InvalidJob : Query is required');
  const lineEnding = input.lineEnding ?? 'LF';
  const columnDelimiter = input.columnDelimiter ?? 'COMMA';
  if ((input.contentType ?? 'CSV') !== 'CSV')
    return errorReply(400, 'INVALIDJOB', 'InvalidJob : Unsupported content type');
  if (!isLineEnding(lineEnding))
    return errorReply(400, 'INVALIDJOB', `InvalidJob : Invalid line ending: ${String(lineEnding)}`);
  if (!isColumnDelimiter(columnDelimiter)) {
    return errorReply(400, 'INVALIDJOB', `InvalidJob : Invalid column delimiter: ${String(columnDelimiter)}`);
  }
  const parsed = compile(state, input.query);
  if ('status' in parsed) return parsed;
  const now = state.now();
  const job: QueryJob = {
    kind: 'query',
    id: state.ids.next('750'),
    operation,
    object: state.schema.object(parsed.object)?.name ?? parsed.object,
    query: input.query,
    parsed,
    createdById: ctx.user.id,
    createdDate: now,
    systemModstamp: now,
    apiVersion: ctx.apiVersion,
    lineEnding,
    columnDelimiter,
    state: 'UploadComplete',
    numberRecordsProcessed: 0,
    retries: 0,
  };
  state.jobs.add(job);
  state.usage.queryJobs++;
  const reply = jsonReply(200, queryCreateView(job));
  state.engine.schedule(job);
  return reply;
}

/** `GET /jobs/query/{id}`. */
export function getQueryJob(state: EmulatorState, ctx: RequestContext): Reply {
  const job = findJob(state, ctx, 'query');
  return job ? jsonReply(200, queryInfoView(job, state.now())) : notFoundReply();
}

/** `PATCH /jobs/query/{id}`: only `{"state":"Aborted"}` is meaningful for a query job. */
export function patchQueryJob(state: EmulatorState, ctx: RequestContext): Reply {
  const job = findJob(state, ctx, 'query');
  if (!job) return notFoundReply();
  const target = requestedState(jsonBody(ctx));
  if (target !== 'Aborted') return invalidJobState(`Invalid state change requested for a query job: ${String(target)}`);
  return abortJob(state, job) ?? jsonReply(200, queryCreateView(job));
}
