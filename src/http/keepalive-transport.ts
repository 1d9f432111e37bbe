import { Observable, timer } from 'rxjs';
import { ConnectionError } from '../errors/connection-error.js';
import { axiosTransport } from './axios-transport.js';
import type { ByteStream, HttpRequest, HttpResponse, RequestBody, Transport } from './transport.js';
import { webStreamBytes } from './web-stream-bytes.js';

/** Options of {@link keepaliveTransport}. */
export interface KeepaliveTransportOptions {
  /**
   * Sends what cannot be kept alive: bodies over `maxBodyBytes` (CSV uploads) and streamed
   * downloads (result files, query pages). Defaults to `axiosTransport()`.
   */
  readonly fallback?: Transport;
  /**
   * Largest body sent with `keepalive`. Browsers refuse keepalive requests once the bodies in
   * flight pass 64 KiB per page, so the default leaves room for a few at once. Default 16,384.
   */
  readonly maxBodyBytes?: number;
}

const DEFAULT_MAX_BODY_BYTES = 16_384;

/**
 * A {@link Transport} for browser apps whose jobs must be aborted when the page goes away
 * (reload, tab closed, navigation). A request sent with XHR (axios's browser adapter) is
 * cancelled by the browser when the page unloads, so the abort `PATCH` that unsubscribing
 * sends on `pagehide` never arrives. This transport sends every small JSON call (create,
 * close, abort, polls) with `fetch(url, { keepalive: true })`, which the browser completes
 * after the page is gone; uploads and streamed downloads go to `fallback`.
 *
 * ## Example
 * ```ts
 * import { keepaliveTransport, SalesforceClient } from 'kinetic-core';
 *
 * const client = new SalesforceClient({ auth, transport: keepaliveTransport() });
 * // leaving the page ends the subscription, and the abort it sends survives the unload
 * window.addEventListener('pagehide', () => subscription.unsubscribe());
 * ```
 *
 * Works wherever `fetch` exists (browsers, Node 20+). Unsubscribing before the response
 * aborts the request, as with every transport.
 *
 * @param options Where large and streamed requests go, and the keepalive body limit.
 * @returns A transport to pass as `transport` in `SalesforceClient` options.
 */
export function keepaliveTransport(options: KeepaliveTransportOptions = {}): Transport {
  const fallback = options.fallback ?? axiosTransport();
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  // result files and query pages (CSV) are large downloads: they go to the fallback, which
  // streams them; every other call is small JSON, whatever form its answer is read in
  return (request) =>
    typeof fetch === 'function' && !acceptsCsv(request) && bodyBytes(request.body) <= maxBodyBytes
      ? fetchKeepalive(request)
      : fallback(request);
}

function fetchKeepalive(request: HttpRequest): Observable<HttpResponse> {
  return new Observable<HttpResponse>((subscriber) => {
    const controller = new AbortController();
    // once a streamed answer is handed over, its body's cancel() ends the request, not the teardown
    let handedOver = false;
    const fail = (reason: string, code: string | undefined, cause?: unknown): void => {
      const path = request.url.split('?')[0] ?? request.url;
      subscriber.error(
        new ConnectionError(`No response from ${request.method} ${path}: ${reason}`, {
          ...(code ? { code } : {}),
          method: request.method,
          url: request.url,
          requestSent: true,
          cause,
        }),
      );
    };
    // an RxJS timer, so the timeout runs in virtual time under a TestScheduler
    const timeout =
      request.timeoutMs === undefined
        ? undefined
        : timer(request.timeoutMs).subscribe(() => {
            controller.abort();
            fail(`timed out after ${request.timeoutMs} ms`, 'ETIMEDOUT');
          });
    fetch(request.url, {
      method: request.method,
      headers: withoutBrowserOwnedHeaders(request.headers),
      ...(request.body !== undefined ? { body: fetchBody(request.body) } : {}),
      keepalive: true,
      redirect: 'manual',
      signal: controller.signal,
    })
      .then(async (response) => {
        const headers: Record<string, string> = {};
        response.headers.forEach((value, key) => {
          headers[key.toLowerCase()] = value;
        });
        // a streamed answer is handed over as it arrives (the HTTP layer caps its size while reading)
        const stream = response.body;
        const body: string | ByteStream =
          request.responseType === 'stream' && stream
            ? { [Symbol.asyncIterator]: () => webStreamBytes(stream), cancel: () => controller.abort() }
            : await response.text();
        timeout?.unsubscribe();
        handedOver = typeof body !== 'string';
        subscriber.next({ status: response.status, headers, body });
        subscriber.complete();
      })
      .catch((error: unknown) => {
        timeout?.unsubscribe();
        if (subscriber.closed) return; // aborted by unsubscribe or by the timeout: already answered
        fail(error instanceof Error ? error.message : String(error), undefined, error);
      });
    return () => {
      timeout?.unsubscribe();
      if (!handedOver) controller.abort();
    };
  });
}

function acceptsCsv(request: HttpRequest): boolean {
  for (const [key, value] of Object.entries(request.headers))
    if (key.toLowerCase() === 'accept') return value.includes('text/csv');
  return false;
}

/** A byte array may view a shared buffer, which fetch does not take: small bodies are copied. */
function fetchBody(body: RequestBody): string | Blob | Uint8Array<ArrayBuffer> {
  return body instanceof Uint8Array ? body.slice() : body;
}

/** The body's size in bytes (a string as UTF-8). */
function bodyBytes(body: RequestBody | undefined): number {
  if (body === undefined) return 0;
  if (typeof body === 'string') return new TextEncoder().encode(body).byteLength;
  if (body instanceof Uint8Array) return body.byteLength;
  return body.size;
}

/** `Accept-Encoding` belongs to the browser; fetch drops it anyway, so it is never sent from here. */
function withoutBrowserOwnedHeaders(headers: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() !== 'accept-encoding') out[key] = value;
  return out;
}
