import { Subscription, interval, timer } from 'rxjs';

/** Raised into pending delays when the emulator closes. */
export class EmulatorClosedError extends Error {
  constructor() {
    super('The bulk emulator was closed');
    this.name = 'EmulatorClosedError';
  }
}

/**
 * Owns every RxJS timer the emulator starts, so that `close()` can stop them all at once and
 * leave no open handles behind.
 */
export class TimerRegistry {
  private readonly root = new Subscription();
  private readonly pending = new Set<(error: Error) => void>();
  private closed = false;

  /** Resolves after `ms`; rejects with EmulatorClosedError if the registry closes first. */
  delay(ms: number): Promise<void> {
    if (this.closed) return Promise.reject(new EmulatorClosedError());
    return new Promise<void>((resolve, reject) => {
      const sub = timer(ms).subscribe(() => {
        this.pending.delete(reject);
        this.root.remove(sub);
        resolve();
      });
      this.pending.add(reject);
      this.root.add(sub);
    });
  }

  /** Calls `tick` every `ms` until the returned subscription (or the registry) is closed. */
  every(ms: number, tick: () => void): Subscription {
    const sub = interval(ms).subscribe(tick);
    if (this.closed) sub.unsubscribe();
    else this.root.add(sub);
    return sub;
  }

  /** Forgets a subscription created by `every` once its owner stopped it. */
  release(sub: Subscription): void {
    sub.unsubscribe();
    this.root.remove(sub);
  }

  /** Stops every timer and rejects every pending delay. */
  close(): void {
    this.closed = true;
    this.root.unsubscribe();
    for (const reject of this.pending) reject(new EmulatorClosedError());
    this.pending.clear();
  }
}
