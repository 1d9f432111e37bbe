import { lastValueFrom, type Observable } from 'rxjs';
import type { Logger } from '../../http/logger.js';

/**
 * Work that must outlive the subscription that started it: the abort PATCH sent when a
 * caller unsubscribes from a running job. `settled()` lets tests and shutdown hooks wait
 * until every such request was answered.
 */
export class DetachedWork {
  private readonly pending = new Set<Promise<void>>();

  constructor(private readonly logger: Logger = {}) {}

  /** Starts the work now; failures are logged, never thrown. */
  run(work: Observable<unknown>, what: string): void {
    const done: Promise<void> = lastValueFrom(work, { defaultValue: undefined })
      .then(
        () => undefined,
        (error: unknown) => {
          this.logger.warn?.(`${what} failed`, { error: error instanceof Error ? error.message : String(error) });
        },
      )
      .finally(() => this.pending.delete(done));
    this.pending.add(done);
  }

  /** Resolves when every detached request started so far has finished. */
  async settled(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }

  get size(): number {
    return this.pending.size;
  }
}
