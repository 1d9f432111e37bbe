import { ResponseValidationError } from './response-validation-error.js';
import type { SecretSet } from './secret-set.js';

/** The limits a response can overrun (see `RequestLimits` and the CSV parser options). */
export type ResponseLimitName = 'maxJsonBytes' | 'maxBodyBytes' | 'maxFieldChars' | 'maxRowChars';

/**
 * Raised when a response overruns a size limit: a JSON body over `maxJsonBytes`, a streamed
 * body (a result file or page, counted after gzip inflation) over `maxBodyBytes`, a CSV field
 * or row longer than `maxFieldChars` / `maxRowChars`. Reading stops at the limit (memory stays
 * flat) and the connection is closed. A `ResponseValidationError`: not retried.
 */
export class ResponseLimitError extends ResponseValidationError {
  override readonly name: string = 'ResponseLimitError';
  /** The option that was overrun. */
  readonly limit: ResponseLimitName;
  /** Its value. */
  readonly max: number;

  constructor(details: {
    limit: ResponseLimitName;
    max: number;
    /** What overran it, e.g. `the JSON body of GET /services/data/v66.0/jobs/ingest`. */
    what: string;
    unit: 'bytes' | 'characters';
    url?: string | undefined;
    secrets?: SecretSet | undefined;
  }) {
    const message = `${capitalise(details.what)} is larger than ${details.limit} (${details.max} ${details.unit}); reading stopped`;
    super(message, {
      issues: [{ path: [], message: `over ${details.limit}` }],
      raw: undefined,
      ...(details.url ? { url: details.url } : {}),
      secrets: details.secrets,
    });
    this.limit = details.limit;
    this.max = details.max;
  }
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
