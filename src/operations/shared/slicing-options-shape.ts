import * as z from 'zod/mini';

/**
 * The option fields that cut records into jobs and bound how many jobs run at once, as both
 * ingest (`ingestOptionsSchema`) and the sink (`sinkOptionsSchema`) check them. Their defaults
 * differ (each operation fills its own), their checks do not.
 */
export const slicingOptionsShape = {
  /** Bytes of a job's CSV: at least 1 KiB, at most Salesforce's 150 MB. */
  maxBytesPerJob: z.optional(z.int().check(z.minimum(1024), z.maximum(150_000_000))),
  /** Records of a job. */
  maxRecordsPerJob: z.optional(z.int().check(z.positive())),
  /** Jobs open at once. */
  concurrency: z.optional(z.int().check(z.minimum(1), z.maximum(100))),
};
