/**
 * Composable RxJS operators over the `BulkEvent` streams of `client.bulk`: results, progress,
 * timeouts and cancellation that abort the job on the server, retries of failed rows, and
 * `bulkSink`, which pipes an endless record stream into jobs.
 *
 * @module kinetic-core/operators
 */
export { toResult } from './to-result.js';
export { jobStates } from './job-states.js';
export { progress, type Progress } from './progress.js';
export { timeoutJob, type TimeoutJobConfig } from './timeout-job.js';
export { cancelOn, type CancelNotifier } from './cancel-on.js';
export { retryFailedRecords, TRANSIENT_ERROR_CODES, type RetryFailedRecordsConfig } from './retry-failed-records.js';
export { throwOnFailures } from './throw-on-failures.js';
export { bulkSink } from './bulk-sink.js';
