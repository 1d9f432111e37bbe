/** The lock-contention error Salesforce reports when parallel work held a record. */
export const UNABLE_TO_LOCK_ROW =
  'UNABLE_TO_LOCK_ROW:unable to obtain exclusive access to this record or 200 records:--';

/**
 * Scripted row-level failures: the next N rows processed (by any ingest job) fail with a given
 * `sf__Error` value and leave the org untouched, as transient lock errors do on a real org.
 */
export class RowFaults {
  private readonly queue: { remaining: number; readonly error: string }[] = [];

  /** The next `count` rows fail with `error`. */
  add(count: number, error: string): void {
    if (count > 0) this.queue.push({ remaining: count, error });
  }

  /** The error for the row about to be processed, if one is scripted. */
  take(): string | undefined {
    const head = this.queue[0];
    if (!head) return undefined;
    head.remaining -= 1;
    if (head.remaining <= 0) this.queue.shift();
    return head.error;
  }
}
