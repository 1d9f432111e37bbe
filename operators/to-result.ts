import { filter, map, throwIfEmpty, type OperatorFunction } from 'rxjs';
import { KineticError, type BulkEvent } from '../src/index.js';

/**
 * Keeps only the final result of an operation: the stream emits one value, the `BulkResult`
 * (or `BulkQueryResult`), then completes.
 *
 * If the operation completes without a result (it ran with `wait: false`, or `cancelOn`
 * ended it), the stream errors with a `KineticError` saying so, rather than completing empty.
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
export function toResult<R>(): OperatorFunction<BulkEvent<R>, R> {
  return (source) =>
    source.pipe(
      filter((event): event is Extract<BulkEvent<R>, { type: 'result' }> => event.type === 'result'),
      map((event) => event.result),
      throwIfEmpty(
        () =>
          new KineticError('The operation completed without a result (it ran with wait: false, or it was cancelled)'),
      ),
    );
}
