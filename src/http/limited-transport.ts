import {
  asyncScheduler,
  concatMap,
  defer,
  map,
  Observable,
  of,
  race,
  type SchedulerLike,
  startWith,
  Subject,
  switchMap,
} from 'rxjs';
import { RequestTimeoutError, type RequestTimeoutKind } from '../errors/request-timeout-error.js';
import { ResponseLimitError } from '../errors/response-limit-error.js';
import { guardBody, type GuardedBody } from './guarded-body.js';
import { longTimer } from './long-timer.js';
import { ERROR_BODY_BYTES, type RequestLimits } from './request-limits.js';
import type { HttpResponse, Transport } from './transport.js';

/** Transports made by {@link limitedTransport}, so a second wrapping can be skipped. */
const limited = new WeakSet<Transport>();

/** Whether a transport already enforces request limits (it was made by {@link limitedTransport}). */
export function isLimitedTransport(transport: Transport): boolean {
  return limited.has(transport);
}

/**
 * Wraps any transport so that every request honours `limits`, whatever the transport does:
 *
 * - **idle timeout**: waiting for the answer, and for each chunk of its body while the reader
 *   waits for one, fails with `RequestTimeoutError` after `idleTimeoutMs` without a byte (the
 *   wait restarts whenever the transport reports upload progress through `onActivity`);
 * - **deadline**: the whole exchange, body included, fails after `deadlineMs`;
 * - **sizes**: a text (JSON) answer is read as a stream and refused past `maxJsonBytes`; a
 *   streamed body past `maxBodyBytes` (counted after inflation); an error body is cut at 64 KiB.
 *
 * Text requests are sent to the transport as `stream` requests and decoded here, so the caps
 * hold while the body arrives and memory stays flat. On a breach the request is unsubscribed or
 * its body cancelled, which closes the connection. Timers run on `scheduler`.
 */
export function limitedTransport(
  transport: Transport,
  limits: RequestLimits,
  options: { readonly scheduler?: SchedulerLike | undefined } = {},
): Transport {
  const scheduler = options.scheduler ?? asyncScheduler;
  const out: Transport = (request) =>
    defer(() => {
      const deadlineAt = scheduler.now() + limits.deadlineMs;
      const activity = new Subject<void>();
      const timeout = (kind: RequestTimeoutKind, waitingFor: string): RequestTimeoutError =>
        new RequestTimeoutError({
          kind,
          timeoutMs: kind === 'idle' ? limits.idleTimeoutMs : limits.deadlineMs,
          method: request.method,
          url: request.url,
          waitingFor,
        });
      const answer = transport({
        ...request,
        responseType: 'stream',
        onActivity: () => {
          request.onActivity?.();
          activity.next();
        },
      });
      const idle = activity.pipe(
        startWith(undefined),
        switchMap(() => longTimer(limits.idleTimeoutMs, scheduler)),
        map(() => {
          throw timeout('idle', 'the response');
        }),
      );
      const deadline = longTimer(limits.deadlineMs, scheduler).pipe(
        map(() => {
          throw timeout('deadline', 'the response');
        }),
      );
      return race(answer, idle, deadline).pipe(
        concatMap((response) => {
          const streamed = request.responseType === 'stream';
          const ok = response.status >= 200 && response.status < 300;
          const limit = streamed ? 'maxBodyBytes' : 'maxJsonBytes';
          const body = guardBody(response.body, {
            idleTimeoutMs: limits.idleTimeoutMs,
            deadlineAt,
            scheduler,
            // an error body is cut short (below), never refused: its status says what went wrong
            maxBytes: streamed ? limits.maxBodyBytes : ok ? limits.maxJsonBytes : Infinity,
            timedOut: (kind) => timeout(kind, 'the response body'),
            overLimit: () =>
              new ResponseLimitError({
                limit,
                max: limits[limit],
                what: `the ${streamed ? 'body' : 'JSON body'} of ${request.method} ${stripQuery(request.url)}`,
                unit: 'bytes',
                url: request.url,
              }),
          });
          if (streamed) return of({ ...response, body });
          return readText(response, body, ok ? Infinity : ERROR_BODY_BYTES);
        }),
      );
    });
  limited.add(out);
  return out;
}

/** The whole (guarded) body as text, cut after `cutBytes`; unsubscribing releases the connection. */
function readText(response: HttpResponse, body: GuardedBody, cutBytes: number): Observable<HttpResponse<string>> {
  return new Observable<HttpResponse<string>>((subscriber) => {
    let settled = false;
    readAll(body, cutBytes).then(
      (text) => {
        settled = true;
        subscriber.next({ status: response.status, headers: response.headers, body: text });
        subscriber.complete();
      },
      (error: unknown) => {
        settled = true;
        subscriber.error(error);
      },
    );
    return () => {
      if (!settled) body.cancel();
    };
  });
}

async function readAll(body: GuardedBody, cutBytes: number): Promise<string> {
  const decoder = new TextDecoder();
  const parts: string[] = [];
  let total = 0;
  for await (const chunk of body) {
    const room = cutBytes - total;
    total += chunk.byteLength;
    if (total >= cutBytes) {
      parts.push(decoder.decode(chunk.subarray(0, room), { stream: true }));
      break;
    }
    parts.push(decoder.decode(chunk, { stream: true }));
  }
  parts.push(decoder.decode());
  return parts.join('');
}

function stripQuery(url: string): string {
  const i = url.indexOf('?');
  return i >= 0 ? url.slice(0, i) : url;
}
