import type { EmulatorState } from '../emulator-state.js';
import { jsonReply, type Reply } from '../http/reply.js';

const BULK_BATCHES_PER_DAY = 15_000;
const QUERY_JOBS_PER_DAY = 10_000;
/** 1 TB of query results per day, in MB as `/limits` reports it. */
const QUERY_STORAGE_MB = 976_562;

const limit = (max: number, used: number): { Max: number; Remaining: number } => ({
  Max: max,
  Remaining: Math.max(0, max - used),
});

/** `GET /limits`: the allocations Bulk API 2.0 clients look at. */
export function getLimits(state: EmulatorState): Reply {
  return jsonReply(200, {
    DailyApiRequests: limit(state.options.apiRequestLimit, state.stats.apiCalls),
    DailyBulkApiBatches: limit(BULK_BATCHES_PER_DAY, state.usage.bulkBatches),
    DailyBulkV2QueryJobs: limit(QUERY_JOBS_PER_DAY, state.usage.queryJobs),
    DailyBulkV2QueryFileStorageMB: limit(QUERY_STORAGE_MB, 0),
  });
}

/** The `Sforce-Limit-Info` header value. */
export function limitInfoHeader(state: EmulatorState): string {
  return `api-usage=${state.stats.apiCalls}/${state.options.apiRequestLimit}`;
}
