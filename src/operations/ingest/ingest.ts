import { catchError, concat, concatMap, defer, EMPTY, from, of, throwError, type Observable } from 'rxjs';
import type { CreateIngestJobBody } from '../../api/ingest-api.js';
import { JournalWriteError } from '../../errors/journal-write-error.js';
import { LoadInterruptedError } from '../../errors/load-interrupted-error.js';
import { ValidationError } from '../../errors/validation-error.js';
import type { BulkResult } from '../../models/bulk-result.js';
import type { IngestOperation } from '../../models/job-state.js';
import { checkFieldName, checkObjectName } from '../shared/api-names.js';
import type { BulkEvent, BulkJobEvent } from '../shared/bulk-event.js';
import { forCall, type OperationContext } from '../shared/operation-context.js';
import { RunControl } from '../shared/run-control.js';
import { matchByFor } from './correlation/row-key.js';
import { normaliseInput } from './ingest-input.js';
import { resumeIngestJob, runIngestJob, type IngestJobPlan } from './ingest-job.js';
import { bodyChecksum, bodySize } from './journal/checksum.js';
import { LoadRecorder, type LoadIdentity, type SliceFacts } from './journal/load-recorder.js';
import { resolveIngestOptions } from './ingest-options.js';
import { ResultCollector } from './results/result-collector.js';
import { InputStopped, runSlicedJobs } from './run-sliced-jobs.js';
import { CsvSlicer } from './slicing/csv-slicer.js';
import { RecordSlicer } from './slicing/record-slicer.js';
import type { JobSlicer, SlicedJob } from './slicing/sliced-job.js';
import { validateRecords } from './validate-records.js';

/** One ingest call as the facade received it. */
export interface IngestRequest<R extends object = object> {
  readonly operation: IngestOperation;
  readonly object: string;
  readonly records: unknown;
  readonly externalIdField?: string;
  readonly options?: unknown;
  /** The input record at an index, typed, when the records are an array (`BulkResult.inputOf`). */
  readonly input?: ((index: number) => R | undefined) | undefined;
}

/**
 * An ingest operation as a cold Observable: nothing happens until subscription; options (and an
 * array input, entirely) are validated before any request; the input is read, split into jobs
 * and run `concurrency` jobs at a time; then job snapshots, one merged `BulkResult`, complete.
 */
export function ingest<R extends object = object>(
  client: OperationContext,
  request: IngestRequest<R>,
): Observable<BulkEvent<BulkResult<R>>> {
  return defer(() => {
    const object = checkObjectName(request.object);
    const options = resolveIngestOptions(request.options, client.pollPolicy);
    const ctx = forCall(client, options);
    const externalIdField =
      request.operation === 'upsert' ? checkFieldName(request.externalIdField, 'externalIdField') : undefined;
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

    const matchBy = matchByFor(request.operation, externalIdField);
    const slicerOptions = {
      maxBytesPerJob: options.maxBytesPerJob,
      maxRecordsPerJob: options.maxRecordsPerJob,
      operation: request.operation,
      externalIdField,
      columnDelimiter: options.columnDelimiter,
      lineEnding: options.lineEnding,
      matchBy,
    };
    const slicer: JobSlicer =
      input.kind === 'csv'
        ? new CsvSlicer(input.chunks, slicerOptions)
        : new RecordSlicer(input.records, slicerOptions, input.array);
    const definition: CreateIngestJobBody = {
      object,
      operation: request.operation,
      columnDelimiter: options.columnDelimiter,
      lineEnding: options.lineEnding,
      ...(externalIdField ? { externalIdFieldName: externalIdField } : {}),
      ...(options.assignmentRuleId ? { assignmentRuleId: options.assignmentRuleId } : {}),
    };
    const control = new RunControl(ctx, request.operation, object, (records) =>
      ingest(client, { ...request, records, input: undefined }),
    );
    const collector = new ResultCollector<R>(options.resultRows, request.input);
    const identity: LoadIdentity = {
      operation: request.operation,
      object,
      externalIdField,
      slicing: {
        columnDelimiter: options.columnDelimiter,
        lineEnding: options.lineEnding,
        maxBytesPerJob: options.maxBytesPerJob,
        maxRecordsPerJob: options.maxRecordsPerJob,
        ...(options.assignmentRuleId ? { assignmentRuleId: options.assignmentRuleId } : {}),
      },
      input: options.journal?.input,
    };
    const opened: Observable<LoadRecorder | undefined> = options.journal
      ? from(LoadRecorder.open(options.journal.store, identity, ctx.scheduler))
      : of(undefined);
    return opened.pipe(
      concatMap((journal) => {
        const plan: IngestJobPlan = {
          definition,
          options,
          matchBy,
          results: collector,
          original: (i: number) => slicer.original(i),
          journal,
        };
        const runSlice = (slice: SlicedJob, index: number): Observable<BulkJobEvent> =>
          defer(async () => {
            const facts: SliceFacts = {
              index,
              start: slice.start,
              rows: slice.recordCount,
              bytes: 0,
              checksum: journal ? await bodyChecksum(slice.body.data) : '0000000000000000',
            };
            const earlier = journal?.earlierRun(index);
            journal?.verify(facts);
            const ready = { ...slice, facts: { ...facts, bytes: bodySize(slice.body.data) }, attempt: 0 };
            return earlier
              ? resumeIngestJob(ctx, control, plan, ready, earlier)
              : runIngestJob(ctx, control, plan, ready);
          }).pipe(concatMap((job) => job));
        const jobs = runSlicedJobs(slicer, options.concurrency, runSlice, {
          inputEnded: (rows) => void journal?.inputEnded(rows).catch(() => undefined),
          stopsInput: (error) => error instanceof JournalWriteError,
        });
        // the merged result is built only once every job has settled; result files that do not
        // reconcile with the input end the load with an error that still reports every row
        const result = defer(async () => {
          if (!options.wait) return EMPTY;
          const mismatch = collector.mismatchError();
          if (mismatch) throw mismatch;
          journal?.checkAllReached();
          await journal?.complete();
          return of<BulkEvent<BulkResult<R>>>({ type: 'result', control, result: collector.result() });
        }).pipe(concatMap((event) => event));
        return concat(jobs, result).pipe(
          catchError((error: unknown) => {
            // a load that stopped midway still says which rows are in the org
            if (error instanceof InputStopped)
              return throwError(() => new LoadInterruptedError(error.reason, collector.result(), error.rowsRead));
            return throwError(() => error);
          }),
        );
      }),
    );
  });
}
