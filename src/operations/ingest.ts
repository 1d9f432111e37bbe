import { defer, map, type Observable } from 'rxjs';
import { CsvJobWriter } from '../csv/csv-job-writer.js';
import { ValidationError } from '../errors/validation-error.js';
import type { CreateIngestJobBody } from '../jobs/ingest-api.js';
import { BulkResult } from '../models/bulk-result.js';
import type { IngestOperation } from '../models/job-state.js';
import { resolvePollPolicy, type PollPolicyInput } from '../poller/poll-policy.js';
import { checkFieldName, checkObjectName } from './api-names.js';
import type { BulkEvent, BulkRecord } from './bulk-event.js';
import { INGEST_DEFAULTS, ingestOptionsSchema, parseOptions, type IngestOptions } from './ingest-options.js';
import { runIngestJob, type JobUpload } from './ingest-job.js';
import type { OperationContext } from './operation-context.js';
import { RunControl } from './run-control.js';
import { validateRecords } from './validate-records.js';

/** One ingest call as the facade received it. */
export interface IngestRequest {
  readonly operation: IngestOperation;
  readonly object: string;
  readonly records: readonly BulkRecord[];
  readonly externalIdField?: string;
  readonly options?: IngestOptions | undefined;
}

/**
 * An ingest operation as a cold Observable: nothing happens until subscription; input and
 * options are validated before any request; then job snapshots, one `BulkResult`, complete.
 */
export function ingest(ctx: OperationContext, request: IngestRequest): Observable<BulkEvent<BulkResult>> {
  return defer(() => {
    const object = checkObjectName(request.object);
    const options = parseOptions(ingestOptionsSchema, request.options) as IngestOptions;
    const externalIdField = request.operation === 'upsert' ? checkFieldName(request.externalIdField, 'externalIdField') : undefined;
    const pollPolicy = resolvePollPolicy(options.pollPolicy as PollPolicyInput | undefined, ctx.pollPolicy);
    if (!Array.isArray(request.records)) {
      throw new ValidationError('records must be an array of objects', [{ message: 'not an array', field: 'records' }]);
    }
    if (request.records.length === 0) {
      // an empty load would create a job that can only fail: refuse it before any request
      throw new ValidationError(`No records to ${request.operation}: the input is empty`, [{ message: 'empty input', field: 'records' }]);
    }
    validateRecords(request.records, { operation: request.operation, externalIdField });

    const columnDelimiter = options.columnDelimiter ?? INGEST_DEFAULTS.columnDelimiter;
    const lineEnding = options.lineEnding ?? INGEST_DEFAULTS.lineEnding;
    const upload = serialise(request.records, request.operation, columnDelimiter, lineEnding);
    const definition: CreateIngestJobBody = {
      object,
      operation: request.operation,
      columnDelimiter,
      lineEnding,
      ...(externalIdField ? { externalIdFieldName: externalIdField } : {}),
      ...(options.assignmentRuleId ? { assignmentRuleId: options.assignmentRuleId } : {}),
    };
    const control = new RunControl(ctx, request.operation, object, (records) => ingest(ctx, { ...request, records }));
    const timeoutMinutes = options.timeoutMinutes ?? INGEST_DEFAULTS.timeoutMinutes;
    return runIngestJob(ctx, control, definition, upload, {
      wait: options.wait ?? INGEST_DEFAULTS.wait,
      timeoutMs: timeoutMinutes * 60_000,
      pollPolicy,
      onProgress: options.onProgress,
    }).pipe(
      map((event): BulkEvent<BulkResult> => {
        if (event.type === 'job') return { type: 'job', job: event.job, control, total: upload.recordCount };
        const { outcome } = event;
        return { type: 'result', control, result: new BulkResult({ ...outcome, jobs: [outcome.job] }) };
      }),
    );
  });
}

/** Delete files carry only the Id column; other operations send every field given. */
function serialise(records: readonly BulkRecord[], operation: IngestOperation, columnDelimiter: CreateIngestJobBody['columnDelimiter'], lineEnding: CreateIngestJobBody['lineEnding']): JobUpload {
  const writer = new CsvJobWriter({ columnDelimiter, lineEnding });
  const idOnly = operation === 'delete' || operation === 'hardDelete';
  records.forEach((record) => writer.write(idOnly ? { Id: record.Id } : record));
  const { body, recordCount } = writer.finish();
  return { body, recordCount };
}
