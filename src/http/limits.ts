/** The org's API usage, from the `Sforce-Limit-Info` response header. */
export interface LimitInfo {
  /** API requests used in the rolling 24 hours. */
  readonly used: number;
  /** The org's allocation for the rolling 24 hours. */
  readonly limit: number;
  /** `limit - used`, never below 0. */
  readonly remaining: number;
  /** Burst usage, when the org reports it (`api-bursts=1/750`). */
  readonly bursts?:
    | {
        /** Burst requests used. */
        readonly used: number;
        /** The burst allocation. */
        readonly limit: number;
      }
    | undefined;
}

/** Parses `api-usage=10018/100000; api-bursts=1/750`; undefined when the header is absent or unreadable. */
export function parseLimitInfo(header: string | undefined): LimitInfo | undefined {
  if (!header) return undefined;
  const usage = /api-usage=(\d+)\/(\d+)/i.exec(header);
  if (!usage) return undefined;
  const used = Number(usage[1]);
  const limit = Number(usage[2]);
  const bursts = /api-bursts=(\d+)\/(\d+)/i.exec(header);
  return {
    used,
    limit,
    remaining: Math.max(0, limit - used),
    bursts: bursts ? { used: Number(bursts[1]), limit: Number(bursts[2]) } : undefined,
  };
}
