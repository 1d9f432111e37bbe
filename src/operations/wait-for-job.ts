import { concat, concatMap, defer, ignoreElements, of, tap, type Observable } from 'rxjs';
import { z } from 'zod';
import { parseJobErrorMessage } from '../csv/sf-error.js';
import type { BulkError } from '../models/bulk-error.js';
import type { BulkJob } from '../models/bulk-job.js';
import type { BulkResult } from '../models/bulk-result.js';
import { pollJob } from '../poller/poll-job.js';
import { resolvePollPolicy, type PollPolicyInput } from '../poller/poll-policy.js';
import type { BulkEvent } from './bulk-event.js';
import { findJob, refetchJob } from './existing-job.js';
import { streamIngestResults } from './fetch-ingest-results.js';
import { INGEST_DEFAULTS, parseOptions } from './ingest-options.js';
import type { OperationContext } from './operation-context.js';
import { ResultCollector } from './result-collector.js';
import { RunControl } from './run-control.js';

/** Options of `client.bulk.waitForJob()`. Unknown keys are refused. */
export interface WaitForJobOptions {
  /** Deadline for the job to finish (default 10). `Infinity` waits forever. On expiry: `BulkTimeoutError`, the job keeps running. */
  readonly timeoutMinutes?: number;
  /** How to poll: the client's policy by default. */
  readonly pollPolicy?: PollPolicyInput;
  /** Which rows the result keeps (default `all`); `failed` counts successes only, `none` keeps counts only. */
  readonly resultRows?: 'all' | 'failed' | 'none';
}

const waitOptionsSchema = z.strictObject({
  timeoutMinutes: z.number().positive().optional(),
  pollPolicy: z.looseObject({}).optional(),
  resultRows: z.enum(['all', 'failed', 'none']).optional(),
});

/**
 * Resumes an existing job by id (one created with `wait: false`, by another process, or left
 * behind by a deadline): its current snapshot, then a snapshot per change until it is terminal;
 * for an ingest job, then one `BulkResult` built from its three result files (rows carry no
 * `inputIndex`: the input is not known here). A query job completes after its terminal snapshot.
 * Unsubscribing only stops watching: the job was not started here, so it is never aborted
 * implicitly (`event.control.abort()` or `cancelOn` still abort it on request).
 */
export function waitForExistingJob(
  ctx: OperationContext,
  jobId: string,
  options?: WaitForJobOptions,
): Observable<BulkEvent<BulkResult>> {
  return defer(() => {
    const parsed = parseOptions(waitOptionsSchema, options) as WaitForJobOptions;
    const policy = resolvePollPolicy(parsed.pollPolicy, ctx.pollPolicy);
    const timeoutMs = (parsed.timeoutMinutes ?? INGEST_DEFAULTS.timeoutMinutes) * 60_000;
    const collector = new ResultCollector(parsed.resultRows ?? INGEST_DEFAULTS.resultRows);
    return findJob(ctx, jobId).pipe(
      concatMap((first) => {
        const control = new RunControl(ctx, first.operation, first.object);
        const later = first.isComplete()
          ? []
          : pollJob(() => refetchJob(ctx, first), { policy, timeoutMs, scheduler: ctx.scheduler, initial: first });
        return concat(of(first), later).pipe(
          concatMap((job) => {
            control.track(job);
            collector.track(job);
            const event = of<BulkEvent<BulkResult>>({ type: 'job', job, control });
            if (!job.isComplete() || job.kind === 'query') return event;
            return concat(event, resultOf(ctx, job, collector, control));
          }),
        );
      }),
    );
  });
}

/** Streams the job's result files into the collector, then emits the merged result. */
function resultOf(
  ctx: OperationContext,
  job: BulkJob,
  collector: ResultCollector,
  control: RunControl,
): Observable<BulkEvent<BulkResult>> {
  return defer(() => {
    let accounted = 0;
    const rows = streamIngestResults(ctx.api, job).pipe(
      tap((batch) => {
        accounted += batch.rows.length;
        collector.addRows(batch);
      }),
      ignoreElements(),
    );
    const result = defer(() => {
      const jobErrors: BulkError[] =
        job.state === 'Failed'
          ? [parseJobErrorMessage(job.errorMessage ?? 'Unknown : job failed without an error message')]
          : [];
      collector.addOutcome({ job, jobErrors, uploaded: accounted, accounted });
      return of<BulkEvent<BulkResult>>({ type: 'result', result: collector.result(), control });
    });
    return concat(rows, result);
  });
}
