import { isColumnDelimiter, isLineEnding, type ColumnDelimiterName, type LineEndingName } from '../core/csv-format.js';
import { errorReply, type Reply } from '../http/reply.js';
import type { IngestJob } from '../jobs/job-types.js';
import type { SchemaRegistry } from '../org/schema-registry.js';

/** A validated ingest create request. */
export interface IngestJobSpec {
  readonly object: string;
  readonly operation: IngestJob['operation'];
  readonly externalIdFieldName?: string;
  readonly assignmentRuleId?: string;
  readonly lineEnding: LineEndingName;
  readonly columnDelimiter: ColumnDelimiterName;
}

const OPERATIONS: readonly string[] = ['insert', 'update', 'upsert', 'delete', 'hardDelete'];

// Bad create requests answer 400 INVALIDJOB (the doc's best guess; exact messages unconfirmed).
const invalidJob = (message: string): Reply => errorReply(400, 'INVALIDJOB', message);

/** Validates the JSON of an ingest create request (§2.1). Operation names are case-sensitive. */
export function validateIngestSpec(body: unknown, schema: SchemaRegistry): IngestJobSpec | Reply {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return errorReply(400, 'JSON_PARSER_ERROR', 'The request body must be a JSON object');
  }
  const input = body as Record<string, unknown>;
  if (typeof input.object !== 'string' || input.object === '') return invalidJob('InvalidJob : Object is required');
  const object = schema.object(input.object);
  if (!object) return invalidJob(`InvalidJob : Unable to find object: ${input.object}`);
  if (typeof input.operation !== 'string' || !OPERATIONS.includes(input.operation)) {
    return invalidJob(`InvalidJob : Invalid operation: ${String(input.operation)}`);
  }
  const contentType = input.contentType ?? 'CSV';
  if (contentType !== 'CSV') return invalidJob(`InvalidJob : Unsupported content type: ${String(contentType)}`);
  const lineEnding = input.lineEnding ?? 'LF';
  if (!isLineEnding(lineEnding)) return invalidJob(`InvalidJob : Invalid line ending: ${String(lineEnding)}`);
  const columnDelimiter = input.columnDelimiter ?? 'COMMA';
  if (!isColumnDelimiter(columnDelimiter)) {
    return invalidJob(`InvalidJob : Invalid column delimiter: ${String(columnDelimiter)}`);
  }
  const spec = {
    object: object.name,
    operation: input.operation as IngestJob['operation'],
    lineEnding,
    columnDelimiter,
  };
  const withRule =
    typeof input.assignmentRuleId === 'string' ? { ...spec, assignmentRuleId: input.assignmentRuleId } : spec;
  if (spec.operation !== 'upsert') return withRule;
  const external = typeof input.externalIdFieldName === 'string' ? input.externalIdFieldName : '';
  if (external === '') {
    return invalidJob(
      `InvalidJob : External ID was blank for ${object.name}. An External ID must be specified for upsert.`,
    );
  }
  const field = object.field(external);
  if (!field || !(field.externalId || field.idLookup || field.name === 'Id')) {
    return invalidJob(
      `InvalidJob : Field name provided, ${external} is not an External ID or indexed field for ${object.name}`,
    );
  }
  return { ...withRule, externalIdFieldName: field.name };
}
