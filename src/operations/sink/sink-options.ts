import * as z from 'zod/mini';
import { requestLimitsInputSchema, type RequestLimits } from '../../http/request-limits.js';
import type { RetryPolicy } from '../../http/retry-policy.js';
import { retryPolicyInputSchema } from '../../http/retry-policy-schema.js';
import type { ColumnDelimiter, LineEnding } from '../../models/job-state.js';
import { pollPolicyInputSchema, type PollPolicyInput } from '../../poller/poll-policy-schema.js';
import { resolvePollPolicy, type PollPolicy } from '../../poller/poll-policy.js';
import { parseOptions, type Assert, type SameKeys } from '../../schemas/parse-options.js';
import {
  columnDelimiterSchema,
  lineEndingSchema,
  minutesSchema,
  resultRowsSchema,
  type ResultRows,
} from '../shared/option-schemas.js';
import { slicingOptionsShape } from '../shared/slicing-options-shape.js';
import type { SinkJournalStore } from './sink-journal-store.js';

/** The ingest operations a sink runs. */
export type SinkOperation = 'insert' | 'update' | 'upsert' | 'delete';

/** What a sink does when an Observable source pushes into a full buffer. */
export type SinkOverflow = 'error' | 'drop';

/** Options of `sinkRecords` and `bulkSink`. Unknown keys are refused. */
export interface SinkOptions {
  /** The operation of every job (default `insert`). */
  readonly operation?: SinkOperation;
  /** The external id field of an `upsert` (required then, refused otherwise). */
  readonly externalIdField?: string;
  /** A job is cut once it holds this many records (default 10,000). */
  readonly maxRecordsPerJob?: number;
  /** A job is cut before its CSV would pass this many bytes (default 100,000,000). */
  readonly maxBytesPerJob?: number;
  /** A job is cut this long after its first record, full or not (default 5,000 ms). */
  readonly maxWaitMs?: number;
  /** Jobs open on the server at once (default 3); a cut job waits for a free slot. */
  readonly concurrency?: number;
  /** Records an Observable source may push ahead of the jobs (default 10,000). */
  readonly bufferSize?: number;
  /**
   * When an Observable source pushes into a full buffer: `error` (default) stops the sink with a
   * `SinkOverflowError`; `drop` refuses the record and emits a `dropped` event carrying it.
   */
  readonly overflow?: SinkOverflow;
  /**
   * Below this many remaining daily API requests (as last reported), the sink creates no job: it
   * emits `paused`, asks `/limits` every `limitPollMs`, and emits `resumed` once enough are left.
   * The client's own `minRemainingApiCalls` pauses it the same way.
   */
  readonly minRemainingApiCalls?: number;
  /** How often a paused sink asks `/limits` (default 60,000 ms). */
  readonly limitPollMs?: number;
  /**
   * On unsubscribe: `abort` (default) aborts the jobs open on the server; `drain` lets them finish
   * (as detached work: `client.whenSettled()` waits for them). Records not yet in a created job are
   * not sent either way; with a `journal` they are kept and sent by the next sink on the same journal.
   */
  readonly onUnsubscribe?: 'abort' | 'drain';
  /** Which rows each job's result keeps (default `all`). */
  readonly resultRows?: ResultRows;
  /** Deadline for each job to finish once closed (default 10). */
  readonly timeoutMinutes?: number;
  /** How to poll each job (default: the client's policy). */
  readonly pollPolicy?: PollPolicyInput;
  /** The upload's column delimiter (default `COMMA`). */
  readonly columnDelimiter?: ColumnDelimiter;
  /** The upload's line ending (default `LF`). */
  readonly lineEnding?: LineEnding;
  /** Retries of transient failures: the client's policy with these fields replaced. */
  readonly retryPolicy?: Partial<RetryPolicy>;
  /** Timeouts and size caps of every request: the client's limits with these fields replaced. */
  readonly requestLimits?: Partial<RequestLimits>;
  /**
   * Keep a sink journal (`memorySinkJournal()`, or `fileSinkJournal(path)` from `kinetic-core/node`):
   * a sink started again on the same journal first finishes the jobs the last one left, sends the
   * records it held, then reads its source. See docs/pipelines.md.
   */
  readonly journal?: SinkJournalStore;
}

const positiveInt = z.int().check(z.positive());

/** The option schema: checked before any request. */
export const sinkOptionsSchema = z.strictObject({
  operation: z.optional(z.enum(['insert', 'update', 'upsert', 'delete'])),
  externalIdField: z.optional(z.string()),
  // the shared slicing fields one by one, in this schema's order (the order of a ValidationError's issues)
  maxRecordsPerJob: slicingOptionsShape.maxRecordsPerJob,
  maxBytesPerJob: slicingOptionsShape.maxBytesPerJob,
  maxWaitMs: z.optional(positiveInt),
  concurrency: slicingOptionsShape.concurrency,
  bufferSize: z.optional(positiveInt),
  overflow: z.optional(z.enum(['error', 'drop'])),
  minRemainingApiCalls: z.optional(z.int().check(z.nonnegative())),
  limitPollMs: z.optional(z.int().check(z.minimum(1000))),
  onUnsubscribe: z.optional(z.enum(['abort', 'drain'])),
  resultRows: z.optional(resultRowsSchema),
  timeoutMinutes: z.optional(minutesSchema),
  pollPolicy: z.optional(pollPolicyInputSchema),
  columnDelimiter: z.optional(columnDelimiterSchema),
  lineEnding: z.optional(lineEndingSchema),
  retryPolicy: z.optional(retryPolicyInputSchema),
  requestLimits: z.optional(requestLimitsInputSchema),
  journal: z.optional(
    z.custom<SinkJournalStore>(
      (v) =>
        typeof v === 'object' &&
        v !== null &&
        typeof Reflect.get(v, 'read') === 'function' &&
        typeof Reflect.get(v, 'write') === 'function',
      'must be a sink journal store ({ read, write })',
    ),
  ),
}) satisfies z.ZodMiniType<SinkOptions>;

// a field in the interface and not in the schema (or the reverse) fails to compile
type _KeysMatch = Assert<SameKeys<SinkOptions, z.input<typeof sinkOptionsSchema>>>;

/** Sink options with every default filled in. */
export interface ResolvedSinkOptions {
  readonly operation: SinkOperation;
  readonly externalIdField: string | undefined;
  readonly maxRecordsPerJob: number;
  readonly maxBytesPerJob: number;
  readonly maxWaitMs: number;
  readonly concurrency: number;
  readonly bufferSize: number;
  readonly overflow: SinkOverflow;
  readonly minRemainingApiCalls: number | undefined;
  readonly limitPollMs: number;
  readonly onUnsubscribe: 'abort' | 'drain';
  readonly resultRows: ResultRows;
  readonly timeoutMs: number;
  readonly pollPolicy: PollPolicy;
  readonly columnDelimiter: ColumnDelimiter;
  readonly lineEnding: LineEnding;
  readonly retryPolicy: Partial<RetryPolicy> | undefined;
  readonly requestLimits: Partial<RequestLimits> | undefined;
  readonly journal: SinkJournalStore | undefined;
}

/** The defaults, in one place. */
export const SINK_DEFAULTS = Object.freeze({
  operation: 'insert',
  maxRecordsPerJob: 10_000,
  maxBytesPerJob: 100_000_000,
  maxWaitMs: 5_000,
  concurrency: 3,
  bufferSize: 10_000,
  overflow: 'error',
  limitPollMs: 60_000,
  onUnsubscribe: 'abort',
  resultRows: 'all',
  timeoutMinutes: 10,
  columnDelimiter: 'COMMA',
  lineEnding: 'LF',
} as const);

/** Checks the caller's options (a `ValidationError` before any request) and fills every default. */
export function resolveSinkOptions(options: unknown, clientPollPolicy: PollPolicy): ResolvedSinkOptions {
  const o = parseOptions(sinkOptionsSchema, options);
  return {
    operation: o.operation ?? SINK_DEFAULTS.operation,
    externalIdField: o.externalIdField,
    maxRecordsPerJob: o.maxRecordsPerJob ?? SINK_DEFAULTS.maxRecordsPerJob,
    maxBytesPerJob: o.maxBytesPerJob ?? SINK_DEFAULTS.maxBytesPerJob,
    maxWaitMs: o.maxWaitMs ?? SINK_DEFAULTS.maxWaitMs,
    concurrency: o.concurrency ?? SINK_DEFAULTS.concurrency,
    bufferSize: o.bufferSize ?? SINK_DEFAULTS.bufferSize,
    overflow: o.overflow ?? SINK_DEFAULTS.overflow,
    minRemainingApiCalls: o.minRemainingApiCalls,
    limitPollMs: o.limitPollMs ?? SINK_DEFAULTS.limitPollMs,
    onUnsubscribe: o.onUnsubscribe ?? SINK_DEFAULTS.onUnsubscribe,
    resultRows: o.resultRows ?? SINK_DEFAULTS.resultRows,
    timeoutMs: (o.timeoutMinutes ?? SINK_DEFAULTS.timeoutMinutes) * 60_000,
    pollPolicy: resolvePollPolicy(o.pollPolicy, clientPollPolicy),
    columnDelimiter: o.columnDelimiter ?? SINK_DEFAULTS.columnDelimiter,
    lineEnding: o.lineEnding ?? SINK_DEFAULTS.lineEnding,
    retryPolicy: o.retryPolicy,
    requestLimits: o.requestLimits,
    journal: o.journal,
  };
}
