import * as z from 'zod/mini';
import { DEFAULT_MAX_FIELD_CHARS, DEFAULT_MAX_ROW_CHARS } from '../csv/csv-limits.js';
import { ValidationError } from '../errors/validation-error.js';
import { checkSchema } from '../schemas/check-schema.js';

/**
 * Bounds on every exchange with the server, so a dead or hostile server can neither hang the
 * client nor exhaust its memory. Per client (`SalesforceClient` option `requestLimits`),
 * overridable per call (`ApiClient.withRequestLimits`). See docs/reliability.md, "Limits".
 */
export interface RequestLimits {
  /**
   * A request fails with `RequestTimeoutError` (`kind: 'idle'`) when no byte was sent or
   * received for this long: waiting for the answer, or for the next chunk of its body while the
   * reader waits for one. `Infinity` disables it.
   */
  readonly idleTimeoutMs: number;
  /** A request, body included, fails with `RequestTimeoutError` (`kind: 'deadline'`) after this long. Default: none (`Infinity`). */
  readonly deadlineMs: number;
  /** Largest JSON (non-streamed) 2xx answer, in bytes; over it: `ResponseLimitError`. */
  readonly maxJsonBytes: number;
  /** Largest streamed body (a result file or page), in bytes after gzip inflation; over it: `ResponseLimitError`. */
  readonly maxBodyBytes: number;
  /** Longest CSV field of a result, in characters; over it: `ResponseLimitError`. */
  readonly maxFieldChars: number;
  /** Longest CSV row (record, quoted line breaks included) of a result, in characters; over it: `ResponseLimitError`. */
  readonly maxRowChars: number;
}

/** The limits every request has unless the client's `requestLimits` changes them. */
export const DEFAULT_REQUEST_LIMITS: RequestLimits = Object.freeze({
  idleTimeoutMs: 60_000,
  deadlineMs: Infinity,
  maxJsonBytes: 4 * 1024 * 1024,
  maxBodyBytes: 4 * 1024 * 1024 * 1024,
  maxFieldChars: DEFAULT_MAX_FIELD_CHARS,
  maxRowChars: DEFAULT_MAX_ROW_CHARS,
});

/** Error bodies (non-2xx) are read up to this many bytes, then cut: they only feed an error message. */
export const ERROR_BODY_BYTES = 65_536;

const duration = z.union([z.number().check(z.positive()), z.literal(Infinity)]);
const size = z.int().check(z.positive());

/** The `requestLimits` option: any subset of `RequestLimits`, unknown keys refused, every number checked. */
export const requestLimitsInputSchema = z.strictObject({
  idleTimeoutMs: z.optional(duration),
  deadlineMs: z.optional(duration),
  maxJsonBytes: z.optional(size),
  maxBodyBytes: z.optional(size),
  maxFieldChars: z.optional(size),
  maxRowChars: z.optional(size),
});

/** Limits with some fields replaced; undefined fields keep the base value. */
export function mergeRequestLimits(base: RequestLimits, overrides: Partial<RequestLimits> | undefined): RequestLimits {
  if (!overrides) return base;
  const merged: RequestLimits = {
    idleTimeoutMs: overrides.idleTimeoutMs ?? base.idleTimeoutMs,
    deadlineMs: overrides.deadlineMs ?? base.deadlineMs,
    maxJsonBytes: overrides.maxJsonBytes ?? base.maxJsonBytes,
    maxBodyBytes: overrides.maxBodyBytes ?? base.maxBodyBytes,
    maxFieldChars: overrides.maxFieldChars ?? base.maxFieldChars,
    maxRowChars: overrides.maxRowChars ?? base.maxRowChars,
  };
  return Object.freeze(merged);
}

/** Checks `requestLimits` overrides (unknown keys refused); a bad value is a `ValidationError` naming it. */
export function checkRequestLimits(input: unknown): Partial<RequestLimits> {
  const result = checkSchema(requestLimitsInputSchema, input);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => {
    const field = issue.code === 'unrecognized_keys' ? issue.keys.join(', ') : issue.path.join('.');
    return { message: issue.code === 'unrecognized_keys' ? `unknown option ${field}` : issue.message, field };
  });
  throw new ValidationError(
    `Invalid requestLimits: ${issues.map((i) => (i.field ? `${i.field}: ${i.message}` : i.message)).join('; ')}`,
    issues.map((i) => ({ ...i, field: `requestLimits${i.field ? `.${i.field}` : ''}` })),
  );
}
