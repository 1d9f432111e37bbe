/** A response a route handler produced, written later (so an "after" fault can still drop it). */
export interface Reply {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  /** Serialised as JSON (`application/json;charset=UTF-8`). */
  readonly json?: unknown;
  /** A text body with its own Content-Type header. */
  readonly text?: string;
  /** A lazily produced body (CSV pages), streamed chunk by chunk with backpressure. */
  readonly stream?: () => Iterable<string>;
}

/** A JSON response. */
export function jsonReply(status: number, json: unknown, headers?: Readonly<Record<string, string>>): Reply {
  return headers ? { status, json, headers } : { status, json };
}

/** A Salesforce error body: always an array of `{errorCode, message}`. */
export function errorReply(
  status: number,
  errorCode: string,
  message: string,
  headers?: Readonly<Record<string, string>>,
): Reply {
  return jsonReply(status, [{ errorCode, message }], headers);
}

/** A response without a body (201 upload, 204 delete). */
export function emptyReply(status: number): Reply {
  return { status };
}

/** A streamed `text/csv; charset=UTF-8` body. */
export function csvReply(stream: () => Iterable<string>, headers: Readonly<Record<string, string>> = {}): Reply {
  return { status: 200, stream, headers: { 'Content-Type': 'text/csv; charset=UTF-8', ...headers } };
}

/** 404 as Salesforce sends it for unknown jobs and paths. */
export function notFoundReply(): Reply {
  return errorReply(404, 'NOT_FOUND', 'The requested resource does not exist');
}
