import type { CliIo } from './cli-io.js';
import { EXIT } from './exit-codes.js';

/**
 * Ctrl-C while a command runs. The first SIGINT fires `signal` (the command then aborts its open
 * jobs on the server and reports them before exiting); a second one exits at once, for when the
 * server does not answer. Dispose it when the command ends, so Node's default handling returns.
 */
export class Interrupt {
  private readonly controller = new AbortController();
  private count = 0;
  private readonly onSigint = (): void => {
    this.count += 1;
    if (this.count === 1) {
      this.onFirst();
      this.controller.abort();
    } else {
      this.io.exitNow(EXIT.interrupted);
    }
  };

  constructor(
    private readonly io: CliIo,
    private readonly onFirst: () => void,
  ) {
    io.signals.on('SIGINT', this.onSigint);
  }

  /** Aborts on the first Ctrl-C (usable with `cancelOn`, which accepts an `AbortSignal`). */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  get fired(): boolean {
    return this.controller.signal.aborted;
  }

  /** Resolves on the first Ctrl-C; never rejects. */
  whenFired(): Promise<void> {
    if (this.fired) return Promise.resolve();
    return new Promise((resolve) => this.controller.signal.addEventListener('abort', () => resolve(), { once: true }));
  }

  dispose(): void {
    this.io.signals.removeListener('SIGINT', this.onSigint);
  }
}
