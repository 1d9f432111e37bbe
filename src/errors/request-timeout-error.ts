import { ConnectionError } from './connection-error.js';
import type { SecretSet } from './secret-set.js';

/** Which bound a request overran. */
export type RequestTimeoutKind = 'idle' | 'deadline';

/**
 * Raised when a request stalls: no byte was sent or received for `idleTimeoutMs` (`kind:
 * 'idle'`), or the whole exchange, body included, outlasted `deadlineMs` (`kind: 'deadline'`).
 * The connection is closed. A `ConnectionError` (code `ETIMEDOUT`), so it is retried like a lost
 * connection: reads, uploads and closes are resent; a job creation is not resent blindly,
 * since the request may have reached the server (`requestSent` is true).
 */
export class RequestTimeoutError extends ConnectionError {
  override readonly name: string = 'RequestTimeoutError';
  /** `idle`: nothing sent or received for `idleTimeoutMs`; `deadline`: the whole request outlasted `deadlineMs`. */
  readonly kind: RequestTimeoutKind;
  /** The bound that was overrun, in milliseconds. */
  readonly timeoutMs: number;

  constructor(details: {
    kind: RequestTimeoutKind;
    timeoutMs: number;
    method: string;
    url: string;
    /** What was being waited for, e.g. `the response` or `the response body`. */
    waitingFor: string;
    secrets?: SecretSet | undefined;
  }) {
    const what =
      details.kind === 'idle'
        ? `nothing was sent or received for ${details.timeoutMs} ms (idleTimeoutMs)`
        : `the request took longer than ${details.timeoutMs} ms (deadlineMs)`;
    super(
      `Request timed out waiting for ${details.waitingFor} of ${details.method} ${stripQuery(details.url)}: ${what}`,
      {
        code: 'ETIMEDOUT',
        method: details.method,
        url: details.url,
        requestSent: true,
        secrets: details.secrets,
      },
    );
    this.kind = details.kind;
    this.timeoutMs = details.timeoutMs;
  }
}

function stripQuery(url: string): string {
  const i = url.indexOf('?');
  return i >= 0 ? url.slice(0, i) : url;
}
