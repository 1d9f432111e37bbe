import type { Observable } from 'rxjs';

/** A sink's source, normalised: records pushed (Observable) or pulled (iterator). */
export type SinkInput<R> =
  | { readonly kind: 'push'; readonly source: Observable<R> }
  | { readonly kind: 'pull'; readonly iterator: AsyncIterator<R> | Iterator<R> };
