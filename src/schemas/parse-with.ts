import type * as z from 'zod/mini';
import { ResponseValidationError } from '../errors/response-validation-error.js';
import type { SecretSet } from '../errors/secret-set.js';
import { checkSchema } from './check-schema.js';

/**
 * The one choke point where inbound JSON meets its schema: a mismatch becomes a
 * `ResponseValidationError` carrying the zod issues and the raw value (redacted with the
 * client's `secrets`, when given).
 */
export function parseWith<S extends z.ZodMiniType>(
  schema: S,
  raw: unknown,
  what: string,
  url?: string,
  secrets?: SecretSet,
): z.output<S> {
  const result = checkSchema(schema, raw);
  if (result.success) return result.data;
  throw new ResponseValidationError(
    `Unexpected ${what} from Salesforce: ${result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`,
    {
      issues: result.error.issues.map((i) => ({ path: i.path, message: i.message })),
      raw,
      ...(url ? { url } : {}),
      secrets,
    },
  );
}

/** Parses a JSON text; a body that is not JSON (an HTML error page with status 200) is a `ResponseValidationError`. */
export function parseJsonText(text: string, what: string, url?: string, secrets?: SecretSet): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ResponseValidationError(
      `Expected JSON ${what} from Salesforce, got ${text.trim() ? 'a non-JSON body' : 'an empty body'}`,
      {
        issues: [{ path: [], message: 'not JSON' }],
        raw: text,
        ...(url ? { url } : {}),
        secrets,
      },
    );
  }
}
