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
