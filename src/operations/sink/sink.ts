import { concatMap, defer, from, isObservable, Observable, of, type ObservableInput } from 'rxjs';
import { ValidationError } from '../../errors/validation-error.js';
import { checkFieldName, checkObjectName } from '../shared/api-names.js';
import { forCall, type OperationContext } from '../shared/operation-context.js';
import type { SinkEvent } from './sink-event.js';
import type { SinkInput } from './sink-input.js';
import { resolveSinkOptions } from './sink-options.js';
import { SinkRecorder } from './sink-recorder.js';
import { SinkRun } from './sink-run.js';

/** What a sink reads: an endless (or not) stream of records, pushed or pulled. */
export type SinkSource<R> = Observable<R> | AsyncIterable<R> | Iterable<R>;

/** One sink call as the facade received it. */
export interface SinkRequest<R> {
  readonly object: string;
  readonly source: SinkSource<R>;
  readonly options?: unknown;
}

/**
 * A continuous bulk sink as a cold Observable: on subscription the options are checked (a
 * `ValidationError` before any request), the journal (if any) is read, and the source is read
 * into jobs cut by count, bytes or time, at most `concurrency` open at once; each job's
 * snapshots and its result are emitted as they happen. Completes once the source completed and
 * the last job finished.
 */
export function sink<R extends object>(client: OperationContext, request: SinkRequest<R>): Observable<SinkEvent<R>> {
  return defer(() => {
    const object = checkObjectName(request.object);
    const options = resolveSinkOptions(request.options, client.pollPolicy);
    let externalIdField: string | undefined;
    if (options.operation === 'upsert') externalIdField = checkFieldName(options.externalIdField, 'externalIdField');
    else if (options.externalIdField !== undefined)
      throw new ValidationError(`externalIdField is for upsert only, not ${options.operation}`, [
        { field: 'externalIdField', message: 'only for upsert' },
      ]);
    const resolved = { ...options, externalIdField };
    const input = normaliseSource(request.source);
    const ctx = forCall(client, options);
    const identity = { operation: options.operation, object, externalIdField };
    const opened: ObservableInput<SinkRecorder | undefined> = options.journal
      ? SinkRecorder.open(options.journal, identity, ctx.scheduler)
      : of(undefined);
    return from(opened).pipe(
      concatMap(
        (journal) =>
          new Observable<SinkEvent<R>>((subscriber) =>
            new SinkRun<R>(ctx, object, resolved, input(), subscriber, journal).start(),
          ),
      ),
    );
  });
}

/** Tells pushed sources from pulled ones; each subscription gets its own iterator. */
function normaliseSource<R>(source: SinkSource<R>): () => SinkInput<R> {
  if (isObservable(source)) return () => ({ kind: 'push', source: source as Observable<R> });
  if (source && typeof source === 'object' && Symbol.asyncIterator in source)
    return () => ({ kind: 'pull', iterator: (source as AsyncIterable<R>)[Symbol.asyncIterator]() });
  if (source && typeof source === 'object' && Symbol.iterator in source && typeof source !== 'string')
    return () => ({ kind: 'pull', iterator: (source as Iterable<R>)[Symbol.iterator]() });
  throw new ValidationError('The sink source must be an Observable, an AsyncIterable or an Iterable of records', [
    { field: 'source', message: 'unsupported source' },
  ]);
}
