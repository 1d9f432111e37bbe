/** The debug line the HTTP layer logs before it refreshes a refused session. */
export const REFRESH_LOG = 'session expired; refreshing once';

interface Trigger {
  readonly route: string;
  readonly nth: number;
  readonly action: () => void;
  fired: boolean;
}

/**
 * Watches the client's debug log (pass `onDebug` to the test client) to act at exact points
 * of a job: `before('ingest.upload', 1, expire)` runs `expire` just before the first upload
 * request goes out. The HTTP layer logs `-> METHOD url` with the SDK's route name
 * synchronously before it hands the request to the transport, so the action is ordered
 * with the request, not with a clock.
 */
export class RequestTriggers {
  private readonly triggers: Trigger[] = [];
  private readonly counts = new Map<string, number>();
  private readonly refusals = new Map<string, number>();
  /** Route of the last request sent to each `METHOD url`, to name the route of a response line. */
  private readonly routeOf = new Map<string, string>();
  /** How many times the HTTP layer started a refresh after a 401. */
  refreshes = 0;

  /** Runs `action` right before the `nth` (1-based) request on `route` is sent. */
  before(route: string, nth: number, action: () => void): void {
    this.triggers.push({ route, nth, action, fired: false });
  }

  /** Whether every registered action ran. */
  get allFired(): boolean {
    return this.triggers.every((trigger) => trigger.fired);
  }

  /** Requests sent on an SDK route (resends included). */
  sent(route: string): number {
    return this.counts.get(route) ?? 0;
  }

  /** Responses with status 401 on an SDK route. */
  refused(route: string): number {
    return this.refusals.get(route) ?? 0;
  }

  /** All 401 responses, on any route. */
  get totalRefused(): number {
    let total = 0;
    for (const n of this.refusals.values()) total += n;
    return total;
  }

  readonly onDebug = (message: string, data?: Readonly<Record<string, unknown>>): void => {
    if (message === REFRESH_LOG) this.refreshes += 1;
    const answer = /^<- 401 (.+)$/.exec(message);
    if (answer?.[1]) {
      const refusedRoute = this.routeOf.get(answer[1]) ?? 'unknown';
      this.refusals.set(refusedRoute, (this.refusals.get(refusedRoute) ?? 0) + 1);
    }
    const route = data?.route;
    if (!message.startsWith('-> ') || typeof route !== 'string') return;
    this.routeOf.set(message.slice(3), route);
    const n = (this.counts.get(route) ?? 0) + 1;
    this.counts.set(route, n);
    for (const trigger of this.triggers) {
      if (!trigger.fired && trigger.route === route && trigger.nth === n) {
        trigger.fired = true;
        trigger.action();
      }
    }
  };
}
