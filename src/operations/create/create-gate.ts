import { Observable, type Subscription } from 'rxjs';

interface Waiter {
  readonly exclusive: boolean;
  readonly start: () => void;
}

/**
 * A readers-writer gate in first-come order. Job creations pass it shared (many at once); the
 * search for a job an ambiguous creation may have made passes it alone, once every creation
 * started before it has been answered, and holds later creations back until it is done. So a
 * search never mistakes the job of a creation still in flight (of this client, on this org) for its own.
 */
export class CreateGate {
  private shared = 0;
  private exclusive = false;
  private readonly queue: Waiter[] = [];

  /** `work`, run once the gate admits it (many shared at once, or one exclusive). */
  run<T>(mode: 'shared' | 'exclusive', work: Observable<T>): Observable<T> {
    return new Observable<T>((subscriber) => {
      let inner: Subscription | undefined;
      let held = false;
      const release = (): void => {
        if (!held) return;
        held = false;
        if (mode === 'exclusive') this.exclusive = false;
        else this.shared--;
        this.pump();
      };
      const waiter: Waiter = {
        exclusive: mode === 'exclusive',
        start: () => {
          held = true;
          // released as soon as the work ends, before its outcome travels downstream
          inner = work.subscribe({
            next: (value) => subscriber.next(value),
            error: (error: unknown) => {
              release();
              subscriber.error(error);
            },
            complete: () => {
              release();
              subscriber.complete();
            },
          });
        },
      };
      this.queue.push(waiter);
      this.pump();
      return () => {
        const at = this.queue.indexOf(waiter);
        if (at >= 0) this.queue.splice(at, 1);
        inner?.unsubscribe();
        release();
      };
    });
  }

  /** Nothing running or waiting. */
  get idle(): boolean {
    return this.shared === 0 && !this.exclusive && this.queue.length === 0;
  }

  /** Creations in flight and searches waiting or running (for tests and diagnostics). */
  get load(): { readonly shared: number; readonly exclusive: boolean; readonly waiting: number } {
    return { shared: this.shared, exclusive: this.exclusive, waiting: this.queue.length };
  }

  private pump(): void {
    while (this.queue.length > 0 && !this.exclusive) {
      const next = this.queue[0] as Waiter;
      if (next.exclusive && this.shared > 0) return;
      this.queue.shift();
      if (next.exclusive) this.exclusive = true;
      else this.shared++;
      next.start();
    }
  }
}
