import * as z from 'zod/mini';
import { requestLimitsInputSchema, type RequestLimits } from '../../http/request-limits.js';
import type { RetryPolicy } from '../../http/retry-policy.js';
import { retryPolicyInputSchema } from '../../http/retry-policy-schema.js';
import type { BulkJob } from '../../models/bulk-job.js';
import type { QueryRecord } from '../../models/bulk-query-result.js';
import type { ColumnDelimiter, LineEnding, QueryOperation } from '../../models/job-state.js';
import { pollPolicyInputSchema, type PollPolicyInput } from '../../poller/poll-policy-schema.js';
import { resolvePollPolicy, type PollPolicy } from '../../poller/poll-policy.js';
import { parseOptions, type Assert, type SameKeys } from '../../schemas/parse-options.js';
import { columnDelimiterSchema, lineEndingSchema, minutesSchema } from '../shared/option-schemas.js';
import type { NestedRecord } from './rows/nest-columns.js';
import type { InvalidRow } from './rows/row-pipeline.js';
import type { QuerySchema } from './rows/typed-rows.js';

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
  /** The result's column delimiter (default `COMMA`). */
  readonly columnDelimiter?: ColumnDelimiter;
  /** The result's line ending (default `LF`). */
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
  /** Timeouts and size caps for every request of this query: the client's `requestLimits` with these fields replaced. */
  readonly requestLimits?: Partial<RequestLimits>;
}

/**
 * The row type a query's options give: the schema's output type, nested records with
 * `nest: true`, otherwise the CSV strings.
 */
export type QueryRow<O> = O extends {
  /** The schema that types the rows. */
  readonly schema: infer S extends QuerySchema;
}
  ? z.output<S>
  : O extends {
        /** Rows as nested records. */
        readonly nest: true;
      }
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
  queryAll: z.optional(z.boolean()),
  maxRecords: z.optional(z.int().check(z.positive())),
  parallel: z.optional(z.int().check(z.minimum(1), z.maximum(64))),
  ordered: z.optional(z.boolean()),
  columnDelimiter: z.optional(columnDelimiterSchema),
  lineEnding: z.optional(lineEndingSchema),
  timeoutMinutes: z.optional(minutesSchema),
  pollPolicy: z.optional(pollPolicyInputSchema),
  onProgress: z.optional(z.custom<(job: BulkJob) => void>(isFunction, 'must be a function')),
  schema: z.optional(z.custom<QuerySchema>(isObjectSchema, 'must be a zod object schema (z.object({...}))')),
  invalidRows: z.optional(z.enum(['fail', 'skip'])),
  onInvalidRow: z.optional(z.custom<(invalid: InvalidRow) => void>(isFunction, 'must be a function')),
  nest: z.optional(z.boolean()),
  retryPolicy: z.optional(retryPolicyInputSchema),
  requestLimits: z.optional(requestLimitsInputSchema),
}) satisfies z.ZodMiniType<QueryOptions>;

// a field in the interface and not in the schema (or the reverse) fails to compile
type _KeysMatch = Assert<SameKeys<QueryOptions, z.input<typeof queryOptionsSchema>>>;

/** The defaults, in one place. */
export const QUERY_DEFAULTS = Object.freeze({
  timeoutMinutes: 30,
  parallel: 1,
  ordered: true,
  invalidRows: 'fail',
  nest: false,
  columnDelimiter: 'COMMA',
  lineEnding: 'LF',
} as const);

/** Query options with every default filled in: resolved once per query. */
export interface ResolvedQueryOptions {
  readonly operation: QueryOperation;
  readonly maxRecords: number | undefined;
  readonly parallel: number;
  readonly ordered: boolean;
  readonly columnDelimiter: ColumnDelimiter;
  readonly lineEnding: LineEnding;
  /** The deadline in milliseconds (`Infinity`: none). */
  readonly timeoutMs: number;
  readonly pollPolicy: PollPolicy;
  readonly onProgress: ((job: BulkJob) => void) | undefined;
  readonly schema: QuerySchema | undefined;
  readonly invalidRows: 'fail' | 'skip';
  readonly onInvalidRow: ((invalid: InvalidRow) => void) | undefined;
  readonly nest: boolean;
  readonly retryPolicy: Partial<RetryPolicy> | undefined;
  readonly requestLimits: Partial<RequestLimits> | undefined;
}

/** Checks the caller's options (a `ValidationError` before any request) and fills every default. */
export function resolveQueryOptions(options: unknown, clientPollPolicy: PollPolicy): ResolvedQueryOptions {
  const o = parseOptions(queryOptionsSchema, options);
  return {
    operation: o.queryAll ? 'queryAll' : 'query',
    maxRecords: o.maxRecords,
    parallel: o.parallel ?? QUERY_DEFAULTS.parallel,
    ordered: o.ordered ?? QUERY_DEFAULTS.ordered,
    columnDelimiter: o.columnDelimiter ?? QUERY_DEFAULTS.columnDelimiter,
    lineEnding: o.lineEnding ?? QUERY_DEFAULTS.lineEnding,
    timeoutMs: (o.timeoutMinutes ?? QUERY_DEFAULTS.timeoutMinutes) * 60_000,
    pollPolicy: resolvePollPolicy(o.pollPolicy, clientPollPolicy),
    onProgress: o.onProgress,
    schema: o.schema,
    invalidRows: o.invalidRows ?? QUERY_DEFAULTS.invalidRows,
    onInvalidRow: o.onInvalidRow,
    nest: o.nest ?? QUERY_DEFAULTS.nest,
    retryPolicy: o.retryPolicy,
    requestLimits: o.requestLimits,
  };
}

/** Options of `client.bulk.queryJobRecords()`: the reading options of a query (the job exists already). */
export type ExistingQueryOptions = Omit<QueryOptions, 'queryAll' | 'columnDelimiter' | 'lineEnding'>;

const existingQueryOptionsSchema = z.omit(queryOptionsSchema, {
  queryAll: true,
  columnDelimiter: true,
  lineEnding: true,
}) satisfies z.ZodMiniType<ExistingQueryOptions>;

// a field in the type and not in the schema (or the reverse) fails to compile
type _ExistingKeysMatch = Assert<SameKeys<ExistingQueryOptions, z.input<typeof existingQueryOptionsSchema>>>;

/** Checks the options of reading an existing job (a `ValidationError` before any request) and fills defaults. */
export function resolveExistingQueryOptions(options: unknown, clientPollPolicy: PollPolicy): ResolvedQueryOptions {
  return resolveQueryOptions(parseOptions(existingQueryOptionsSchema, options), clientPollPolicy);
}
