import { z } from 'zod';
import type { RetryPolicy } from '../http/retry-policy.js';
import { retryPolicyInputSchema } from '../http/retry-policy-schema.js';
import type { BulkJob } from '../models/bulk-job.js';
import type { QueryRecord } from '../models/bulk-query-result.js';
import type { ColumnDelimiter, LineEnding } from '../models/job-state.js';
import type { PollPolicyInput } from '../poller/poll-policy.js';
import type { NestedRecord } from './nest-columns.js';
import type { InvalidRow } from './row-pipeline.js';
import type { QuerySchema } from './typed-rows.js';

/** Options of every query method. Unknown keys are refused (a `ValidationError` before any request). */
export interface QueryOptions {
  /** Also return rows deleted (Recycle Bin, merges) and archived activities: the job's operation becomes `queryAll`. */
  readonly queryAll?: boolean;
  /** Upper bound of rows per result page (`maxRecords`), for the locator loop. Smaller pages, less memory per page. */
  readonly maxRecords?: number;
  /** Result pages downloaded at once (default 1). Above 1 uses `resultPages` (API 58.0+), falling back to the locator loop. */
  readonly parallel?: number;
  /** With `parallel`: keep the result's page order (default true) or take pages as they finish. */
  readonly ordered?: boolean;
  readonly columnDelimiter?: ColumnDelimiter;
  readonly lineEnding?: LineEnding;
  /** Deadline for the job to finish (default 30). On expiry: `BulkTimeoutError`, the job is left running. */
  readonly timeoutMinutes?: number;
  /** How to poll the job: the client's policy by default. */
  readonly pollPolicy?: PollPolicyInput;
  /** Called with every job snapshot. */
  readonly onProgress?: (job: BulkJob) => void;
  /** A zod object schema: CSV text is coerced to its field types, then validated; rows are typed by it. */
  readonly schema?: QuerySchema;
  /** With `schema`: a row that fails fails the stream (`'fail'`, default) or is dropped (`'skip'`). */
  readonly invalidRows?: 'fail' | 'skip';
  /** With `schema`: called with every row that fails, before it fails the stream or is skipped. */
  readonly onInvalidRow?: (invalid: InvalidRow) => void;
  /** Turn dotted relationship columns (`Owner.Name`) into nested objects; a parent with no values is null. */
  readonly nest?: boolean;
  /** Retries of transient failures for every request of this query: the client's `retryPolicy` with these fields replaced. */
  readonly retryPolicy?: Partial<RetryPolicy>;
}

/**
 * The row type a query's options give: the schema's output type, nested records with
 * `nest: true`, otherwise the CSV strings.
 */
export type QueryRow<O> = O extends { readonly schema: infer S extends QuerySchema }
  ? z.output<S>
  : O extends { readonly nest: true }
    ? NestedRecord
    : QueryRecord;

const isFunction = (v: unknown): boolean => typeof v === 'function';
/** Duck-typed so a schema made by another copy of zod 4 is accepted too. */
const isObjectSchema = (v: unknown): boolean =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as { safeParse?: unknown }).safeParse === 'function' &&
  (v as { def?: { type?: unknown } }).def?.type === 'object';

/** The option schema: checked before any request. */
export const queryOptionsSchema = z.strictObject({
  queryAll: z.boolean().optional(),
  maxRecords: z.number().int().positive().optional(),
  parallel: z.number().int().min(1).max(64).optional(),
  ordered: z.boolean().optional(),
  columnDelimiter: z.enum(['BACKQUOTE', 'CARET', 'COMMA', 'PIPE', 'SEMICOLON', 'TAB']).optional(),
  lineEnding: z.enum(['LF', 'CRLF']).optional(),
  timeoutMinutes: z.number().positive().optional(),
  pollPolicy: z.looseObject({}).optional(),
  onProgress: z.custom<(job: BulkJob) => void>(isFunction, 'must be a function').optional(),
  schema: z.custom<QuerySchema>(isObjectSchema, 'must be a zod object schema (z.object({...}))').optional(),
  invalidRows: z.enum(['fail', 'skip']).optional(),
  onInvalidRow: z.custom<(invalid: InvalidRow) => void>(isFunction, 'must be a function').optional(),
  nest: z.boolean().optional(),
  retryPolicy: retryPolicyInputSchema.optional(),
});

export const QUERY_DEFAULTS = Object.freeze({
  timeoutMinutes: 30,
  parallel: 1,
  ordered: true,
  invalidRows: 'fail' as const,
  nest: false,
});
