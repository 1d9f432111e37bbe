import type { Logger } from '../../src/http/logger.js';

/** What the client did, counted from its debug log (the log is the SDK's only report of retries). */
export class ClientFigures {
  retries = 0;
  refreshes = 0;
  adopted = 0;
  recreated = 0;
  alreadyApplied = 0;
  closesAlreadyDone = 0;
  readonly faults = new Map<string, number>();
  readonly warnings: string[] = [];

  /** A logger for `SalesforceClient({ logger })` that counts instead of printing. */
  logger(): Logger {
    return {
      debug: (message, data) => {
        if (message.startsWith('retrying ')) {
          this.retries++;
          const kind = String(data?.error ?? '').split(':')[0] ?? 'unknown';
          this.faults.set(kind, (this.faults.get(kind) ?? 0) + 1);
        } else if (message.startsWith('session expired')) this.refreshes++;
        else if (message.includes(': adopted job ')) this.adopted++;
        else if (message.includes('no job was made; creating again')) this.recreated++;
        else if (message.includes('earlier attempt had already taken effect')) this.alreadyApplied++;
        else if (message.startsWith('ingest.close: job ')) this.closesAlreadyDone++;
        else if (message.includes('failed after it may have reached the server'))
          this.faults.set('ambiguous create', (this.faults.get('ambiguous create') ?? 0) + 1);
      },
      warn: (message, data) => this.warnings.push(`${message} ${JSON.stringify(data ?? {})}`),
    };
  }
}

/** Counts of the process's active resources (sockets, timers, ...) by type. */
export function activeResources(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const type of process.getActiveResourcesInfo()) counts.set(type, (counts.get(type) ?? 0) + 1);
  return counts;
}

/** Resource types whose count is above the baseline, with the excess. */
export function resourcesAbove(baseline: ReadonlyMap<string, number>): Record<string, number> {
  const excess: Record<string, number> = {};
  for (const [type, n] of activeResources()) {
    const over = n - (baseline.get(type) ?? 0);
    if (over > 0) excess[type] = over;
  }
  return excess;
}

/**
 * Waits (real time, bounded) until no resource type is above the baseline: closed sockets
 * and finished timers leave the list a few ticks after their close. Returns what is left.
 */
export async function settleResources(
  baseline: ReadonlyMap<string, number>,
  timeoutMs = 3000,
): Promise<Record<string, number>> {
  const start = Date.now();
  let excess = resourcesAbove(baseline);
  while (Object.keys(excess).length > 0 && Date.now() - start < timeoutMs) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    excess = resourcesAbove(baseline);
  }
  return excess;
}

/** Records unhandled promise rejections while installed. */
export class RejectionWitness {
  readonly seen: string[] = [];
  private readonly listener = (reason: unknown): void => {
    this.seen.push(reason instanceof Error ? `${reason.name}: ${reason.message}` : String(reason));
  };

  install(): void {
    process.on('unhandledRejection', this.listener);
  }

  uninstall(): void {
    process.off('unhandledRejection', this.listener);
  }
}

/** A small seeded PRNG (mulberry32), so every run injects and cancels at the same points. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
