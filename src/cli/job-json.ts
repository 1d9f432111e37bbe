import type { BulkJob } from '../index.js';

/**
 * A job as the `--json` summaries show it. `counters: false` leaves out the processed and failed
 * counts, for job listings: Salesforce does not send them there, so they would read as zeros.
 */
export function jobJson(job: BulkJob, options: { readonly counters?: boolean } = {}): Record<string, unknown> {
  return {
    id: job.id,
    kind: job.kind,
    operation: job.operation,
    object: job.object,
    state: job.state,
    ...(options.counters === false ? {} : { processed: job.numberRecordsProcessed }),
    // query jobs have no failed rows: a 0 there would only mislead
    ...(options.counters === false || job.kind !== 'ingest' ? {} : { failed: job.numberRecordsFailed }),
    ...(job.createdDate ? { createdDate: job.createdDate.toISOString() } : {}),
    ...(job.errorMessage ? { errorMessage: job.errorMessage } : {}),
  };
}
