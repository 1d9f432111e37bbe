/** Request counts seen by the emulator. */
export interface EmulatorStats {
  /** Requests per route name, then per HTTP method (e.g. `requests['ingest.get'].GET`). */
  readonly requests: Readonly<Record<string, Readonly<Record<string, number>>>>;
  /** All requests received, including preflights, faults and errors. */
  readonly totalRequests: number;
  /** Authenticated data calls: what counts against `DailyApiRequests`. */
  readonly apiCallsUsed: number;
}

/** Counts requests by route and method, and the org's API usage. */
export class StatsCollector {
  private readonly counts = new Map<string, Map<string, number>>();
  private total = 0;
  /** API calls used (starts at `initialApiUsage`). */
  apiCalls: number;

  constructor(initialApiUsage = 0) {
    this.apiCalls = initialApiUsage;
  }

  /** Counts one request to `route` with `method`. */
  request(route: string, method: string): void {
    this.total++;
    let byMethod = this.counts.get(route);
    if (!byMethod) this.counts.set(route, (byMethod = new Map()));
    byMethod.set(method, (byMethod.get(method) ?? 0) + 1);
  }

  /** Moves a counted request to another route name (PATCH is named from its body). */
  rename(from: string, to: string, method: string): void {
    const byMethod = this.counts.get(from);
    const n = byMethod?.get(method) ?? 0;
    if (!byMethod || n === 0 || from === to) return;
    if (n === 1) byMethod.delete(method);
    else byMethod.set(method, n - 1);
    if (byMethod.size === 0) this.counts.delete(from);
    this.total--;
    this.request(to, method);
  }

  /** A frozen copy of the counters. */
  snapshot(): EmulatorStats {
    const requests: Record<string, Record<string, number>> = {};
    for (const [route, byMethod] of this.counts) requests[route] = Object.fromEntries(byMethod);
    return { requests, totalRequests: this.total, apiCallsUsed: this.apiCalls };
  }
}
