import { filter, map, throwIfEmpty, type Observable } from 'rxjs';
import { KineticError, type BulkEvent, type BulkResultEvent } from '../src/index.js';

/** The events a stream with a result carries; `never` for a stream of job events only (`wait: false`). */
type WithResult<E> = [Extract<E, { readonly type: 'result' }>] extends [never] ? never : E;

/** The result type of a stream of events. */
type ResultOf<E> = Extract<E, { readonly type: 'result' }> extends BulkResultEvent<infer R> ? R : never;

/**
 * Keeps only the final result of an operation: the stream emits one value, the `BulkResult`
 * (or `BulkQueryResult`), then completes.
 *
 * If the operation completes without a result (`cancelOn` ended it), the stream errors with a
 * `KineticError` saying so, rather than completing empty. An operation started with
 * `{ wait: false }` has no result at all: its type carries job events only, and `toResult()`
 * after it does not compile.
 *
 * ## Example
 * ```ts
 * import { lastValueFrom } from 'rxjs';
 * import { toResult } from 'kinetic-core/operators';
 *
 * const result = await lastValueFrom(client.bulk.insert('Account', [{ Name: 'Acme' }]).pipe(toResult()));
 * console.log(result.successCount, result.failedCount);
 * ```
 *
 * @returns An operator from `BulkEvent<R>` to `R`.
 */
export function toResult<E extends BulkEvent<unknown>>(): (
  source: Observable<WithResult<E>>,
) => Observable<ResultOf<E>> {
  return (source) =>
    source.pipe(
      filter((event): event is Extract<WithResult<E>, BulkResultEvent<ResultOf<E>>> => event.type === 'result'),
      map((event) => event.result),
      throwIfEmpty(
        () =>
          new KineticError('The operation completed without a result (it ran with wait: false, or it was cancelled)'),
      ),
    );
}
