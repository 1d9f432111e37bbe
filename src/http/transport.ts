import type { Observable } from 'rxjs';

/** HTTP methods the Bulk API uses. */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * A request body. Strings and byte arrays are sent as they are; a `Blob` lets a large
 * upload be held off the JS heap and sent again unchanged after a token refresh.
 */
export type RequestBody = string | Uint8Array | Blob;

/** A request as the transport sees it: absolute URL, final headers. */
export interface HttpRequest {
  /** The HTTP method. */
  readonly method: HttpMethod;
  /** The absolute URL, query string included. */
  readonly url: string;
  /** Every header to send, `Authorization` included. */
  readonly headers: Readonly<Record<string, string>>;
  /** The body, for POST, PUT and PATCH. */
  readonly body?: RequestBody | undefined;
  /** `text`: the whole body as a string; `stream`: the body as byte chunks, read on demand. */
  readonly responseType: 'text' | 'stream';
  /** Socket idle timeout; undefined leaves it to the transport. */
  readonly timeoutMs?: number | undefined;
  /**
   * Called whenever part of the request body was sent (and, where only that can tell, part of
   * the answer arrived): the client's idle timeout restarts on each call, so a long upload is
   * not mistaken for a stall. A transport that cannot report progress never calls it.
   */
  readonly onActivity?: (() => void) | undefined;
}

/**
 * Body of a `stream` response: byte chunks, pulled as the consumer iterates. Breaking out of
 * the loop releases the connection; `cancel()`, when the transport offers it, releases it at
 * once, even while a read is pending (a stalled server).
 */
export interface ByteStream extends AsyncIterable<Uint8Array> {
  /** Releases the connection at once, even while a read is pending. */
  cancel?(): void;
}

/** A response of any status (the transport does not judge statuses). Header names are lower-case. */
export interface HttpResponse<B = string | ByteStream> {
  /** The HTTP status; the transport does not judge it. */
  readonly status: number;
  /** The response headers, names lower-case. */
  readonly headers: Readonly<Record<string, string>>;
  /** The body as text, or as byte chunks for `stream` requests. */
  readonly body: B;
}

/**
 * The one seam to the network. A cold Observable: each subscription sends the request
 * once, emits one response (whatever its status) and completes, or errors with a
 * `ConnectionError` when no response arrived. Unsubscribing before the response aborts
 * the request. For `stream` responses the body stays readable after completion.
 */
export type Transport = (request: HttpRequest) => Observable<HttpResponse>;
