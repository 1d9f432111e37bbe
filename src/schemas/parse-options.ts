import type * as z from 'zod/mini';
import { ValidationError, type ValidationIssue } from '../errors/validation-error.js';
import { checkSchema } from './check-schema.js';

/**
 * Validates caller options against their schema (unknown keys refused); a bad or unknown option
 * is a `ValidationError` naming it, raised before any request.
 */
export function parseOptions<S extends z.ZodMiniType>(schema: S, options: unknown): z.output<S> {
  const result = checkSchema(schema, options ?? {});
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue): ValidationIssue => {
    const keys = issue.code === 'unrecognized_keys' ? issue.keys : [];
    const field = keys.length ? keys.join(', ') : issue.path.join('.');
    return { message: issue.code === 'unrecognized_keys' ? `unknown option ${field}` : issue.message, field };
  });
  throw new ValidationError(
    `Invalid options: ${issues.map((i) => (i.field ? `${i.field}: ${i.message}` : i.message)).join('; ')}`,
    issues,
  );
}

/**
 * `true` when an options interface and the input of its schema name the same keys. With
 * `type _KeysMatch = Assert<SameKeys<Options, z.input<typeof schema>>>` and the schema declared
 * `satisfies z.ZodMiniType<Options>`, interface and schema cannot drift apart without a compile error.
 */
export type SameKeys<A, B> = [Exclude<keyof A, keyof B>, Exclude<keyof B, keyof A>] extends [never, never]
  ? true
  : false;

/** Compiles only when `T` is `true`. */
export type Assert<T extends true> = T;
