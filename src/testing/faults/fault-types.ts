/**
 * What a fault does:
 * - `status`: answer with this status and a Salesforce-style body (500/502/503/504 ->
 *   `SERVER_UNAVAILABLE`, 403 -> `REQUEST_LIMIT_EXCEEDED`, 429 -> `TOO_MANY_REQUESTS` with `Retry-After`);
 * - `html`: an HTML error page (default 503), as a proxy or maintenance page would send;
 * - `reset`: destroy the socket without any response;
 * - `latency`: wait `ms` (RxJS timer), then handle the request normally.
 */
export type FaultEffect =
  | {
      /** Answer with an error status. */
      readonly kind: 'status';
      /** The status, e.g. 503. */
      readonly status: number;
      /** The `Retry-After` of a 429, in seconds (default 1). */
      readonly retryAfterSeconds?: number;
    }
  | {
      /** Answer with an HTML error page. */
      readonly kind: 'html';
      /** Its status (default 503). */
      readonly status?: number;
    }
  | {
      /** Destroy the socket without an answer. */
      readonly kind: 'reset';
    }
  | {
      /** Answer normally, late. */
      readonly kind: 'latency';
      /** The delay, in milliseconds. */
      readonly ms: number;
    };

/**
 * A fault rule. `route` is a route name (`ingest.create`), a prefix pattern (`ingest.*`) or `*`.
 * Route names: `oauth.token`, `oauth.revoke`, `limits.get`, `ingest.create`, `ingest.upload`,
 * `ingest.close`, `ingest.abort`, `ingest.patch` (other PATCH bodies), `ingest.get`, `ingest.list`,
 * `ingest.delete`, `ingest.results`, `query.create`, `query.get`, `query.list`, `query.abort`,
 * `query.patch`, `query.delete`, `query.results`, `query.resultPages`, and `unknown`.
 */
export interface FaultRule {
  /** The calls it applies to: a route name, a prefix pattern such as `ingest.*`, or `*`. */
  readonly route: string;
  /** What the hit calls get. */
  readonly effect: FaultEffect;
  /** Only for this HTTP method. */
  readonly method?: string;
  /** Chance in [0, 1] that a matching call is hit (default 1); drawn from the seeded PRNG. */
  readonly probability?: number;
  /** Hit at most this many calls, then the rule disappears ("the next 3 calls"). Default: unlimited. */
  readonly times?: number;
  /**
   * `before` (default): the fault replaces the call, nothing happens server side.
   * `after`: the call is handled (a job really is created), then the fault replaces the response:
   * with `reset`, this is the ambiguous "did my create go through?" failure.
   */
  readonly timing?: 'before' | 'after';
}

/** A registered rule. */
export interface FaultHandle {
  /** Calls still to be hit, or undefined when unlimited. */
  readonly remaining: number | undefined;
  /** Unregisters the rule. */
  remove(): void;
}

/** Fault options of the emulator. */
export interface FaultOptions {
  /** Seed of the PRNG used for probabilities: same seed, same calls hit. */
  readonly seed?: number;
  /** Rules in force from the start. */
  readonly rules?: readonly FaultRule[];
}

/** Runtime fault control (`emulator.faults`). */
export interface EmulatorFaults {
  /** Registers a rule. */
  inject(rule: FaultRule): FaultHandle;
  /** Scripted schedule: the next `count` calls to `route` get `effect`. */
  next(route: string, count: number, effect: FaultEffect, options?: Pick<FaultRule, 'method' | 'timing'>): FaultHandle;
  /** Removes every rule. */
  clear(): void;
  /** Re-seeds the PRNG. */
  reseed(seed: number): void;
}
