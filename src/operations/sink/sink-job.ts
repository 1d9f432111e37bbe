import { concatMap, from, retry, type Observable } from 'rxjs';
import type { CreateIngestJobBody } from '../../api/ingest-api.js';
import type { BulkJobEvent } from '../shared/bulk-event.js';
import type { OperationContext } from '../shared/operation-context.js';
import { RunControl } from '../shared/run-control.js';
import { matchByFor } from '../ingest/correlation/row-key.js';
import { ingest } from '../ingest/ingest.js';
import { resumeIngestJob, runIngestJob, type IngestJobPlan, type IngestSlice } from '../ingest/ingest-job.js';
import { ResultCollector } from '../ingest/results/result-collector.js';
import { JobFiller, type FillerRules } from './job-filler.js';
import type { SinkJournalJob } from './sink-journal-store.js';
import type { ResolvedSinkOptions } from './sink-options.js';
import type { SinkRecorder } from './sink-recorder.js';

/** What every job of one sink shares. */
export interface SinkJobScope {
  readonly ctx: OperationContext;
  readonly object: string;
  readonly options: ResolvedSinkOptions;
  readonly journal: SinkRecorder | undefined;
}

/** One job of a sink, ready to run: its events, its result collector, its control (abort, resubmit). */
export interface SinkJob<R extends object> {
  readonly job: Observable<BulkJobEvent>;
  readonly results: ResultCollector<R>;
  readonly control: RunControl;
}

/** How a sink's fillers serialise and bound their jobs. */
export function fillerRules(options: ResolvedSinkOptions, validNames: Set<string>): FillerRules {
  const { operation, externalIdField, columnDelimiter, lineEnding, maxRecordsPerJob, maxBytesPerJob } = options;
  return {
    operation,
    externalIdField,
    columnDelimiter,
    lineEnding,
    maxRecordsPerJob,
    maxBytesPerJob,
    matchBy: matchByFor(operation, externalIdField),
    validNames,
  };
}

/**
 * A job the sink filled and cut. A creation the client's limit guard refused is retried once
 * `afterRefusal` allows (the pause ended); any other error ends the job.
 */
export function newSinkJob<R extends object>(
  scope: SinkJobScope,
  filler: JobFiller<R>,
  jobIndex: number,
  afterRefusal: (error: unknown) => Observable<void>,
): SinkJob<R> {
  // results are tied with the matchBy the filler hashed the rows with
  const { control, results, plan } = jobParts(scope, filler.records, filler.start, filler.matchBy);
  const job = from(filler.finish()).pipe(
    concatMap((slice) => {
      const ready: IngestSlice = {
        ...slice,
        facts: { index: jobIndex, start: slice.start, rows: slice.recordCount, bytes: 0, checksum: '' },
        attempt: 0,
      };
      // the client's guard may refuse the creation if a reading fell below its threshold since
      // the sink looked: the job then waits for the pause to end, like the next ones
      return runIngestJob(scope.ctx, control, plan, ready).pipe(
        retry({ delay: (error: unknown) => afterRefusal(error) }),
      );
    }),
  );
  return { job, results, control };
}

/** A job a stopped sink left in the journal: finished from what the server says of it. */
export function resumedSinkJob<R extends object>(
  scope: SinkJobScope,
  entry: SinkJournalJob,
  validNames: Set<string>,
): SinkJob<R> {
  const records = entry.records as R[];
  const rules = {
    ...fillerRules(scope.options, validNames),
    maxRecordsPerJob: Number.MAX_SAFE_INTEGER,
    maxBytesPerJob: Number.MAX_SAFE_INTEGER,
  };
  const filler = new JobFiller<R>(rules, 0);
  for (const record of records) filler.tryAdd(record);
  const { control, results, plan } = jobParts(scope, records, 0, filler.matchBy);
  const earlier = {
    index: entry.key,
    start: 0,
    rows: records.length,
    bytes: 0,
    checksum: '0000000000000000',
    attempts: entry.attempts.map((a) => ({ rows: records.length, ...a })),
  };
  const job = from(filler.finish()).pipe(
    concatMap((slice) => {
      const ready: IngestSlice = {
        ...slice,
        facts: { index: entry.key, start: 0, rows: slice.recordCount, bytes: 0, checksum: '' },
        attempt: 0,
      };
      return resumeIngestJob(scope.ctx, control, plan, ready, earlier);
    }),
  );
  return { job, results, control };
}

function definition(scope: SinkJobScope): CreateIngestJobBody {
  const { operation, externalIdField, columnDelimiter, lineEnding } = scope.options;
  return {
    object: scope.object,
    operation,
    columnDelimiter,
    lineEnding,
    ...(externalIdField ? { externalIdFieldName: externalIdField } : {}),
  };
}

/** The per-job pieces: its control (abort, resubmit), its result collector, its plan. */
function jobParts<R extends object>(
  scope: SinkJobScope,
  records: readonly R[],
  start: number,
  matchBy: IngestJobPlan['matchBy'],
): { readonly control: RunControl; readonly results: ResultCollector<R>; readonly plan: IngestJobPlan } {
  const { ctx, object } = scope;
  const { operation, externalIdField } = scope.options;
  const o = scope.options;
  const ingestOptions = {
    timeoutMinutes: o.timeoutMs / 60_000,
    pollPolicy: o.pollPolicy,
    columnDelimiter: o.columnDelimiter,
    lineEnding: o.lineEnding,
    resultRows: o.resultRows,
    ...(o.retryPolicy ? { retryPolicy: o.retryPolicy } : {}),
    ...(o.requestLimits ? { requestLimits: o.requestLimits } : {}),
  };
  const control = new RunControl(ctx, operation, object, (rows) =>
    ingest(ctx, { operation, object, records: rows, externalIdField, options: ingestOptions }),
  );
  const inputOf = (index: number): R | undefined => records[index - start];
  const results = new ResultCollector<R>(o.resultRows, inputOf);
  const plan: IngestJobPlan = {
    definition: definition(scope),
    options: {
      wait: true,
      timeoutMs: o.timeoutMs,
      pollPolicy: o.pollPolicy,
      onProgress: undefined,
      columnDelimiter: o.columnDelimiter,
      lineEnding: o.lineEnding,
    },
    matchBy,
    results,
    original: (index) => inputOf(index) as Readonly<Record<string, unknown>> | undefined,
    journal: scope.journal,
  };
  return { control, results, plan };
}
