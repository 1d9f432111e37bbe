import axios, { type AxiosInstance, type AxiosResponse } from 'axios';
import { Observable } from 'rxjs';
import { ConnectionError } from '../errors/connection-error.js';
import type { ByteStream, HttpResponse, Transport } from './transport.js';
import { webStreamBytes } from './web-stream-bytes.js';

/** Options of {@link axiosTransport}. */
export interface AxiosTransportOptions {
  /** An axios instance of your own (proxies, agents, interceptors). Defaults to `axios.create()`. */
  readonly instance?: AxiosInstance;
}

/** Error codes that prove the request never reached the server, so even job creation may be retried. */
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ERR_INVALID_URL']);

/**
 * The default {@link Transport}, over axios. This is the only file that imports axios.
 * Each subscription gets its own AbortController: unsubscribing before the response
 * arrives aborts the request, and a streamed body's `cancel()` aborts it afterwards (closing
 * the connection even while a read is pending). Upload progress is reported through
 * `request.onActivity`. Sizes and timeouts are the client's (`limitedTransport`), not axios's.
 */
export function axiosTransport(options: AxiosTransportOptions = {}): Transport {
  const client = options.instance ?? axios.create();
  return (request) =>
    new Observable<HttpResponse>((subscriber) => {
      const controller = new AbortController();
      let answered = false;
      const browser = inBrowser();
      const streamed = request.responseType === 'stream';
      // XHR cannot stream a body: in a browser, stream over fetch when the instance is ours
      // (a caller's instance keeps its adapter, and the body is read as text, one chunk). Not
      // for requests with a body: fetch reports no upload progress (axios would stream the body,
      // which browsers refuse over HTTP/1.1), and XHR does, for the idle timeout.
      const overFetch = browser && streamed && !options.instance && canFetchStream() && request.body === undefined;
      const activity = request.onActivity;
      client
        .request({
          url: request.url,
          method: request.method,
          headers: browser ? withoutBrowserOwnedHeaders(request.headers) : { ...request.headers },
          data: request.body,
          responseType: streamed && (!browser || overFetch) ? 'stream' : 'text',
          ...(overFetch ? { adapter: 'fetch' as const } : {}),
          // the HTTP layer parses and judges every body itself
          transformResponse: [(data: unknown) => data],
          validateStatus: () => true,
          signal: controller.signal,
          decompress: true,
          maxBodyLength: Infinity,
          // -1, not Infinity: with any limit axios pipes a streamed body through a generator of
          // its own; the client counts (inflated) bytes itself, see limitedTransport
          maxContentLength: -1,
          maxRedirects: 0,
          ...(activity && !overFetch ? { onUploadProgress: () => activity() } : {}),
          // where the body arrives whole (XHR), its progress is the only sign of life
          ...(activity && browser && !overFetch ? { onDownloadProgress: () => activity() } : {}),
          ...(request.timeoutMs !== undefined ? { timeout: request.timeoutMs } : {}),
        })
        .then((response: AxiosResponse<unknown>) => {
          answered = true;
          subscriber.next({
            status: response.status,
            headers: lowerCaseHeaders(response.headers),
            body:
              request.responseType === 'stream'
                ? toByteStream(response.data, () => release(controller, response.data))
                : toText(response.data),
          });
          subscriber.complete();
        })
        .catch((error: unknown) => {
          if (subscriber.closed) return; // aborted by unsubscribe: nobody is listening
          subscriber.error(toConnectionError(error, request.method, request.url));
        });
      return () => {
        // a streamed body stays readable after completion; its consumer releases it
        if (!answered) controller.abort();
      };
    });
}

/** Where axios sends with XHR (browsers, jsdom): no Node body streams, and some headers are the browser's. */
function inBrowser(): boolean {
  return typeof XMLHttpRequest === 'function';
}

function canFetchStream(): boolean {
  return typeof fetch === 'function' && typeof ReadableStream === 'function';
}

/** Browsers negotiate compression themselves and refuse a script's `Accept-Encoding` (with a console error). */
function withoutBrowserOwnedHeaders(headers: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() !== 'accept-encoding') out[key] = value;
  return out;
}

function lowerCaseHeaders(headers: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!headers || typeof headers !== 'object') return out;
  const plain =
    typeof (headers as { toJSON?: unknown }).toJSON === 'function'
      ? (headers as { toJSON(): object }).toJSON()
      : headers;
  for (const [key, value] of Object.entries(plain as Record<string, unknown>)) {
    if (value === undefined || value === null) continue;
    out[key.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return out;
}

function toText(data: unknown): string {
  if (typeof data === 'string') return data;
  if (data === undefined || data === null) return '';
  if (data instanceof ArrayBuffer) return new TextDecoder().decode(data);
  if (ArrayBuffer.isView(data)) return new TextDecoder().decode(data);
  return JSON.stringify(data);
}

/**
 * Node streams and (Node 20+) web streams are async-iterable; older browsers' web streams need
 * a reader. `cancel` releases the connection.
 */
function toByteStream(data: unknown, cancel: () => void): ByteStream {
  if (data && typeof data === 'object' && Symbol.asyncIterator in data) {
    const iterable = data as AsyncIterable<Uint8Array>;
    return { [Symbol.asyncIterator]: () => iterable[Symbol.asyncIterator](), cancel };
  }
  if (data && typeof (data as ReadableStream<Uint8Array>).getReader === 'function') {
    const stream = data as ReadableStream<Uint8Array>;
    return { [Symbol.asyncIterator]: () => webStreamBytes(stream), cancel };
  }
  const text = toText(data);
  return {
    async *[Symbol.asyncIterator]() {
      if (text) yield new TextEncoder().encode(text);
    },
    cancel,
  };
}

/**
 * Ends a response whose body is no longer wanted: the abort signal makes axios destroy the
 * response stream and the request (Node) or cancel the fetch; destroying the stream as well
 * covers an instance whose adapter ignores the signal.
 */
function release(controller: AbortController, data: unknown): void {
  controller.abort();
  if (data && typeof data === 'object') {
    const destroy: unknown = Reflect.get(data, 'destroy');
    if (typeof destroy === 'function') Reflect.apply(destroy, data, []);
  }
}

function toConnectionError(error: unknown, method: string, url: string): ConnectionError {
  const code = (error as { code?: unknown }).code;
  const codeText = typeof code === 'string' ? code : undefined;
  const reason = error instanceof Error ? error.message : String(error);
  return new ConnectionError(`No response from ${method} ${url.split('?')[0] ?? url}: ${reason}`, {
    ...(codeText ? { code: codeText } : {}),
    method,
    url,
    requestSent: !(codeText && NOT_SENT.has(codeText)),
    cause: error,
  });
}
