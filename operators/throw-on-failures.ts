import { map, type MonoTypeOperatorFunction } from 'rxjs';
import { BulkResult, RecordsFailedError, type BulkEvent } from '../src/index.js';

/**
 * Errors the stream with a `RecordsFailedError` when the result holds any failed or
 * unprocessed row (or the job failed). The error carries the rows and the whole result, so
 * nothing is lost. Results without record outcomes (query results) pass through.
 *
 * ## Example
 * ```ts
 * import { lastValueFrom } from 'rxjs';
 * import { throwOnFailures, toResult } from 'kinetic-core/operators';
 * import { RecordsFailedError } from 'kinetic-core';
 *
 * try {
 *   await lastValueFrom(client.bulk.update('Account', rows).pipe(throwOnFailures(), toResult()));
 * } catch (error) {
 *   if (error instanceof RecordsFailedError) console.table(error.failedRecords.map((r) => r.error));
 * }
 * ```
 *
 * @returns An operator that passes events through until a result with failures arrives.
 */
export function throwOnFailures<R>(): MonoTypeOperatorFunction<BulkEvent<R>> {
  return (source) =>
    source.pipe(
      map((event) => {
        if (event.type === 'result' && event.result instanceof BulkResult && !event.result.isSuccessful()) {
          throw new RecordsFailedError(event.result);
        }
        return event;
      }),
    );
}
