import * as z from 'zod/mini';

/** One daily allocation of the org, as `/limits` reports it. */
export interface LimitAllocation {
  /** The daily allocation. */
  readonly max: number;
  /** What is left of it. */
  readonly remaining: number;
}

/**
 * The Bulk-related allocations of `GET /services/data/vXX.X/limits`. An entry the org does not
 * report (older API versions, editions without it) is undefined.
 */
export interface BulkLimits {
  /** API requests per rolling 24 hours (every Bulk API call counts). */
  readonly DailyApiRequests: LimitAllocation | undefined;
  /** Bulk API batches per rolling 24 hours (shared with Bulk API 1.0; ingest jobs consume them). */
  readonly DailyBulkApiBatches: LimitAllocation | undefined;
  /** Bulk API 2.0 query jobs per rolling 24 hours. */
  readonly DailyBulkV2QueryJobs: LimitAllocation | undefined;
  /** Bulk API 2.0 query results per rolling 24 hours, in MB. */
  readonly DailyBulkV2QueryFileStorageMB: LimitAllocation | undefined;
}

/** `{ "Max": 15000, "Remaining": 14998, ...per-app entries }`; null or absent means not reported. */
const allocationSchema = z.pipe(
  z.nullish(z.looseObject({ Max: z.int().check(z.nonnegative()), Remaining: z.int() })),
  z.transform((v): LimitAllocation | undefined => (v ? { max: v.Max, remaining: v.Remaining } : undefined)),
);

/** The `/limits` body: an object of allocations; only the Bulk-related ones are kept. */
export const bulkLimitsSchema = z.pipe(
  z.looseObject({
    DailyApiRequests: allocationSchema,
    DailyBulkApiBatches: allocationSchema,
    DailyBulkV2QueryJobs: allocationSchema,
    DailyBulkV2QueryFileStorageMB: allocationSchema,
  }),
  z.transform((v): BulkLimits => ({
    DailyApiRequests: v.DailyApiRequests,
    DailyBulkApiBatches: v.DailyBulkApiBatches,
    DailyBulkV2QueryJobs: v.DailyBulkV2QueryJobs,
    DailyBulkV2QueryFileStorageMB: v.DailyBulkV2QueryFileStorageMB,
  })),
);
