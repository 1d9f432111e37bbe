import { concat, defer, EMPTY, mergeMap, of, type Observable } from 'rxjs';
import { ValidationError } from '../errors/validation-error.js';
import type { CreateIngestJobBody } from '../jobs/ingest-api.js';
import type { BulkResult } from '../models/bulk-result.js';
import type { IngestOperation } from '../models/job-state.js';
import { resolvePollPolicy, type PollPolicyInput } from '../poller/poll-policy.js';
import { checkFieldName, checkObjectName } from './api-names.js';
import type { BulkEvent } from './bulk-event.js';
import { CsvSlicer } from './csv-slicer.js';
import { normaliseInput } from './ingest-input.js';
import { runIngestJob } from './ingest-job.js';
import { INGEST_DEFAULTS, ingestOptionsSchema, parseOptions, type IngestOptions } from './ingest-options.js';
import { withRetryPolicy, type OperationContext } from './operation-context.js';
import { RecordSlicer } from './record-slicer.js';
import { ResultCollector } from './result-collector.js';
import { matchByFor } from './row-key.js';
import { RunControl } from './run-control.js';
import { runSlicedJobs } from './run-sliced-jobs.js';
import { missingRows, tieBatch } from './settle-slice.js';
import type { JobSlicer } from './sliced-job.js';
import { validateRecords } from './validate-records.js';

/** One ingest call as the facade received it. */
export interface IngestRequest {
  readonly operation: IngestOperation;
  readonly object: string;
  readonly records: unknown;
  readonly externalIdField?: string;
  readonly options?: IngestOptions | undefined;
}

/**
 * An ingest operation as a cold Observable: nothing happens until subscription; options (and an
 * array input, entirely) are validated before any request; the input is read, split into jobs
 * and run `concurrency` jobs at a time; then job snapshots, one merged `BulkResult`, complete.
 */
export function ingest(client: OperationContext, request: IngestRequest): Observable<BulkEvent<BulkResult>> {
  return defer(() => {
    const object = checkObjectName(request.object);
    const options = parseOptions(ingestOptionsSchema, request.options) as IngestOptions;
    const ctx = withRetryPolicy(client, options.retryPolicy);
    const externalIdField =
      request.operation === 'upsert' ? checkFieldName(request.externalIdField, 'externalIdField') : undefined;
    const pollPolicy = resolvePollPolicy(options.pollPolicy as PollPolicyInput | undefined, ctx.pollPolicy);
    const input = normaliseInput(request.records);
    const idOnly = request.operation === 'delete' || request.operation === 'hardDelete';
    if (input.kind === 'records' && input.array) {
      if (input.array.length === 0)
        throw new ValidationError(`No records to ${request.operation}: the input is empty`, [
          { message: 'empty input', field: 'records' },
        ]);
      // an array is checked whole before any request; streams are checked job by job as they are read
      validateRecords(idOnly ? input.array.map((r) => (typeof r === 'string' ? { Id: r } : r)) : input.array, {
        operation: request.operation,
        externalIdField,
      });
    }

    const columnDelimiter = options.columnDelimiter ?? INGEST_DEFAULTS.columnDelimiter;
    const lineEnding = options.lineEnding ?? INGEST_DEFAULTS.lineEnding;
    const matchBy = matchByFor(request.operation, externalIdField);
    const limits = {
      maxBytesPerJob: options.maxBytesPerJob ?? INGEST_DEFAULTS.maxBytesPerJob,
      maxRecordsPerJob: options.maxRecordsPerJob ?? INGEST_DEFAULTS.maxRecordsPerJob,
    };
    const slicerOptions = {
      ...limits,
      operation: request.operation,
      externalIdField,
      columnDelimiter,
      lineEnding,
      matchBy,
    };
    const slicer: JobSlicer =
      input.kind === 'csv'
        ? new CsvSlicer(input.chunks, slicerOptions)
        : new RecordSlicer(input.records, slicerOptions, input.array);
    const definition: CreateIngestJobBody = {
      object,
      operation: request.operation,
      columnDelimiter,
      lineEnding,
      ...(externalIdField ? { externalIdFieldName: externalIdField } : {}),
      ...(options.assignmentRuleId ? { assignmentRuleId: options.assignmentRuleId } : {}),
    };
    const control = new RunControl(ctx, request.operation, object, (records) =>
      ingest(client, { ...request, records }),
    );
    const settings = {
      wait: options.wait ?? INGEST_DEFAULTS.wait,
      timeoutMs: (options.timeoutMinutes ?? INGEST_DEFAULTS.timeoutMinutes) * 60_000,
      pollPolicy,
      onProgress: options.onProgress,
    };
    const collector = new ResultCollector(options.resultRows ?? INGEST_DEFAULTS.resultRows);
    const jobs = runSlicedJobs(slicer, options.concurrency ?? INGEST_DEFAULTS.concurrency, (slice) =>
      runIngestJob(ctx, control, definition, slice, settings),
    );
    const events = jobs.pipe(
      mergeMap((event): BulkEvent<BulkResult>[] => {
        if (event.type === 'job') {
          collector.track(event.job);
          return [{ type: 'job', job: event.job, control, total: event.total }];
        }
        if (event.type === 'rows') {
          collector.addRows(tieBatch(event.batch, event.slice, matchBy));
          return [];
        }
        const missing = missingRows(event.outcome, event.slice, slicer);
        if (missing.length > 0) collector.addRows({ kind: 'unprocessed', rows: missing });
        collector.addOutcome(event.outcome);
        return [];
      }),
    );
    // the merged result is built only once every job has settled
    const result = defer(() =>
      settings.wait ? of<BulkEvent<BulkResult>>({ type: 'result', control, result: collector.result() }) : EMPTY,
    );
    return concat(events, result);
  });
}
