import * as z from 'zod/mini';
import type { JournalOptions, LoadJournalStore } from './journal/journal-store.js';
import { requestLimitsInputSchema, type RequestLimits } from '../../http/request-limits.js';
import type { RetryPolicy } from '../../http/retry-policy.js';
import { retryPolicyInputSchema } from '../../http/retry-policy-schema.js';
import type { BulkJob } from '../../models/bulk-job.js';
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

/** Options of every ingest operation. Unknown keys are refused. */
export interface IngestOptions {
  /**
   * Wait for the job to finish and fetch its results (default true). With `false` the stream
   * completes once the job is closed, with job events only (its type says so); the last snapshot
   * carries the job id, for `client.bulk.waitForJob(id)`.
   */
  readonly wait?: boolean;
  /** Deadline for the job to finish once closed (default 10). `Infinity` waits forever. On expiry: `BulkTimeoutError`, the job is left running. */
  readonly timeoutMinutes?: number;
  /** Called with every job snapshot (a callback for code that does not use operators). */
  readonly onProgress?: (job: BulkJob) => void;
  /** The upload's column delimiter (default `COMMA`). */
  readonly columnDelimiter?: ColumnDelimiter;
  /** The upload's line ending (default `LF`). */
  readonly lineEnding?: LineEnding;
  /** Case or Lead assignment rule to apply (API 49.0+). */
  readonly assignmentRuleId?: string;
  /** How to poll: the client's policy (by default a backoff from 2 s, x1.5, capped at 30 s). */
  readonly pollPolicy?: PollPolicyInput;
  /** A new job starts before a job's CSV would pass this many bytes (default 100,000,000: Salesforce's 150 MB limit counts base64). */
  readonly maxBytesPerJob?: number;
  /** A new job starts after this many rows (default: no row limit). */
  readonly maxRecordsPerJob?: number;
  /** Jobs run at once when a load is split (default 3). Memory stays below about `concurrency` x `maxBytesPerJob`. */
  readonly concurrency?: number;
  /**
   * Which rows the result keeps (default `all`). `failed` keeps failed and unprocessed rows and
   * only counts the successes; `none` keeps counts only. For loads of many millions of rows.
   */
  readonly resultRows?: ResultRows;
  /**
   * Retries of transient failures for every request of this operation: the client's
   * `retryPolicy` with these fields replaced (see docs/reliability.md).
   */
  readonly retryPolicy?: Partial<RetryPolicy>;
  /**
   * Timeouts and size caps for every request of this operation: the client's `requestLimits`
   * with these fields replaced (see docs/reliability.md, "Limits").
   */
  readonly requestLimits?: Partial<RequestLimits>;
  /**
   * Keep a load journal (see docs/large-loads.md): every job is recorded before it can hold rows,
   * so an interrupted load can be finished exactly once by running it again with the same journal
   * and input. A journal of an unfinished load resumes it; one of a finished load fetches its
   * results again and creates nothing.
   */
  readonly journal?: JournalOptions;
}

/** The option schema: checked before any request. */
export const ingestOptionsSchema = z.strictObject({
  wait: z.optional(z.boolean()),
  timeoutMinutes: z.optional(minutesSchema),
  onProgress: z.optional(z.custom<(job: BulkJob) => void>((v) => typeof v === 'function', 'must be a function')),
  columnDelimiter: z.optional(columnDelimiterSchema),
  lineEnding: z.optional(lineEndingSchema),
  assignmentRuleId: z.optional(
    z.string().check(z.regex(/^[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?$/, 'must be a Salesforce id')),
  ),
  pollPolicy: z.optional(pollPolicyInputSchema),
  ...slicingOptionsShape,
  resultRows: z.optional(resultRowsSchema),
  retryPolicy: z.optional(retryPolicyInputSchema),
  requestLimits: z.optional(requestLimitsInputSchema),
  journal: z.optional(
    z.strictObject({
      store: z.custom<LoadJournalStore>(
        (v) =>
          typeof v === 'object' &&
          v !== null &&
          typeof Reflect.get(v, 'read') === 'function' &&
          typeof Reflect.get(v, 'write') === 'function',
        'must be a journal store ({ read, write })',
      ),
      input: z.optional(z.strictObject({ name: z.string(), size: z.optional(z.int().check(z.nonnegative())) })),
    }),
  ),
}) satisfies z.ZodMiniType<IngestOptions>;

// a field in the interface and not in the schema (or the reverse) fails to compile
type _KeysMatch = Assert<SameKeys<IngestOptions, z.input<typeof ingestOptionsSchema>>>;

/** Ingest options with every default filled in: resolved once per operation. */
export interface ResolvedIngestOptions {
  readonly wait: boolean;
  /** The deadline in milliseconds (`Infinity`: none). */
  readonly timeoutMs: number;
  readonly onProgress: ((job: BulkJob) => void) | undefined;
  readonly columnDelimiter: ColumnDelimiter;
  readonly lineEnding: LineEnding;
  readonly assignmentRuleId: string | undefined;
  readonly pollPolicy: PollPolicy;
  readonly maxBytesPerJob: number;
  readonly maxRecordsPerJob: number;
  readonly concurrency: number;
  readonly resultRows: ResultRows;
  readonly retryPolicy: Partial<RetryPolicy> | undefined;
  readonly requestLimits: Partial<RequestLimits> | undefined;
  readonly journal: JournalOptions | undefined;
}

/** The defaults, in one place. */
export const INGEST_DEFAULTS = Object.freeze({
  wait: true,
  timeoutMinutes: 10,
  columnDelimiter: 'COMMA',
  lineEnding: 'LF',
  maxBytesPerJob: 100_000_000,
  maxRecordsPerJob: Number.MAX_SAFE_INTEGER,
  concurrency: 3,
  resultRows: 'all',
} as const);

/** Checks the caller's options (a `ValidationError` before any request) and fills every default. */
export function resolveIngestOptions(options: unknown, clientPollPolicy: PollPolicy): ResolvedIngestOptions {
  const o = parseOptions(ingestOptionsSchema, options);
  return {
    wait: o.wait ?? INGEST_DEFAULTS.wait,
    timeoutMs: (o.timeoutMinutes ?? INGEST_DEFAULTS.timeoutMinutes) * 60_000,
    onProgress: o.onProgress,
    columnDelimiter: o.columnDelimiter ?? INGEST_DEFAULTS.columnDelimiter,
    lineEnding: o.lineEnding ?? INGEST_DEFAULTS.lineEnding,
    assignmentRuleId: o.assignmentRuleId,
    pollPolicy: resolvePollPolicy(o.pollPolicy, clientPollPolicy),
    maxBytesPerJob: o.maxBytesPerJob ?? INGEST_DEFAULTS.maxBytesPerJob,
    maxRecordsPerJob: o.maxRecordsPerJob ?? INGEST_DEFAULTS.maxRecordsPerJob,
    concurrency: o.concurrency ?? INGEST_DEFAULTS.concurrency,
    resultRows: o.resultRows ?? INGEST_DEFAULTS.resultRows,
    retryPolicy: o.retryPolicy,
    requestLimits: o.requestLimits,
    journal: o.journal,
  };
}
