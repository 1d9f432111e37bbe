import { z } from 'zod';
import { ValidationError } from '../errors/validation-error.js';
import type { RetryPolicy } from '../http/retry-policy.js';
import { retryPolicyInputSchema } from '../http/retry-policy-schema.js';
import type { BulkJob } from '../models/bulk-job.js';
import type { ColumnDelimiter, LineEnding } from '../models/job-state.js';
import type { PollPolicyInput } from '../poller/poll-policy.js';

/** Options of every ingest operation. Unknown keys are refused. */
export interface IngestOptions {
  /** Wait for the job to finish and fetch its results (default true). With false the stream completes once the job is closed; the last snapshot carries its id. */
  readonly wait?: boolean;
  /** Deadline for the job to finish once closed (default 10). `Infinity` waits forever. On expiry: `BulkTimeoutError`, the job is left running. */
  readonly timeoutMinutes?: number;
  /** Called with every job snapshot (seed compatibility; operators are the RxJS way). */
  readonly onProgress?: (job: BulkJob) => void;
  readonly columnDelimiter?: ColumnDelimiter;
  readonly lineEnding?: LineEnding;
  /** Case or Lead assignment rule to apply (API 49.0+). */
  readonly assignmentRuleId?: string;
  /** How to poll: the seed's backoff by default. */
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
  readonly resultRows?: 'all' | 'failed' | 'none';
  /**
   * Retries of transient failures for every request of this operation: the client's
   * `retryPolicy` with these fields replaced (see docs/reliability.md).
   */
  readonly retryPolicy?: Partial<RetryPolicy>;
}

const delimiter = z.enum(['BACKQUOTE', 'CARET', 'COMMA', 'PIPE', 'SEMICOLON', 'TAB']);

/** The option schema: checked before any request. */
export const ingestOptionsSchema = z.strictObject({
  wait: z.boolean().optional(),
  timeoutMinutes: z.number().positive().optional(),
  onProgress: z.custom<(job: BulkJob) => void>((v) => typeof v === 'function', 'must be a function').optional(),
  columnDelimiter: delimiter.optional(),
  lineEnding: z.enum(['LF', 'CRLF']).optional(),
  assignmentRuleId: z
    .string()
    .regex(/^[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?$/, 'must be a Salesforce id')
    .optional(),
  pollPolicy: z.looseObject({}).optional(),
  maxBytesPerJob: z.number().int().min(1024).max(150_000_000).optional(),
  maxRecordsPerJob: z.number().int().positive().optional(),
  concurrency: z.number().int().min(1).max(100).optional(),
  resultRows: z.enum(['all', 'failed', 'none']).optional(),
  retryPolicy: retryPolicyInputSchema.optional(),
});

export const INGEST_DEFAULTS = Object.freeze({
  wait: true,
  timeoutMinutes: 10,
  columnDelimiter: 'COMMA' as ColumnDelimiter,
  lineEnding: 'LF' as LineEnding,
  maxBytesPerJob: 100_000_000,
  maxRecordsPerJob: Number.MAX_SAFE_INTEGER,
  concurrency: 3,
  resultRows: 'all' as 'all' | 'failed' | 'none',
});

/** Validates caller options; a bad or unknown option is a ValidationError naming it. */
export function parseOptions<T>(schema: z.ZodType<T>, options: unknown): T {
  const result = schema.safeParse(options ?? {});
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => {
    const keys = issue.code === 'unrecognized_keys' ? ((issue as { keys?: string[] }).keys ?? []) : [];
    const field = keys.length ? keys.join(', ') : issue.path.join('.');
    return { message: issue.code === 'unrecognized_keys' ? `unknown option ${field}` : issue.message, field };
  });
  throw new ValidationError(
    `Invalid options: ${issues.map((i) => (i.field ? `${i.field}: ${i.message}` : i.message)).join('; ')}`,
    issues,
  );
}
