import { concat, concatMap, defer, ignoreElements, of, tap, type Observable } from 'rxjs';
import * as z from 'zod/mini';
import type { BulkJob } from '../../models/bulk-job.js';
import type { BulkResult } from '../../models/bulk-result.js';
import { pollJob } from '../../poller/poll-job.js';
import { pollPolicyInputSchema, type PollPolicyInput } from '../../poller/poll-policy-schema.js';
import { resolvePollPolicy } from '../../poller/poll-policy.js';
import { parseOptions, type Assert, type SameKeys } from '../../schemas/parse-options.js';
import { INGEST_DEFAULTS } from '../ingest/ingest-options.js';
import { streamRawResults } from '../ingest/results/raw-result-rows.js';
import { jobOutcome } from '../ingest/results/job-outcome.js';
import { ResultCollector } from '../ingest/results/result-collector.js';
import type { BulkEvent } from '../shared/bulk-event.js';
import type { OperationContext } from '../shared/operation-context.js';
import { minutesSchema, resultRowsSchema, type ResultRows } from '../shared/option-schemas.js';
import { RunControl } from '../shared/run-control.js';
import { refetchJob } from '../shared/abort-job.js';
import { findJob } from './existing-job.js';

/** Options of `client.bulk.waitForJob()`. Unknown keys are refused. */
export interface WaitForJobOptions {
  /** Deadline for the job to finish (default 10). `Infinity` waits forever. On expiry: `BulkTimeoutError`, the job keeps running. */
  readonly timeoutMinutes?: number;
  /** How to poll: the client's policy by default. */
  readonly pollPolicy?: PollPolicyInput;
  /** Which rows the result keeps (default `all`); `failed` counts successes only, `none` keeps counts only. */
  readonly resultRows?: ResultRows;
}

const waitOptionsSchema = z.strictObject({
  timeoutMinutes: z.optional(minutesSchema),
  pollPolicy: z.optional(pollPolicyInputSchema),
  resultRows: z.optional(resultRowsSchema),
}) satisfies z.ZodMiniType<WaitForJobOptions>;

// a field in the interface and not in the schema (or the reverse) fails to compile
type _KeysMatch = Assert<SameKeys<WaitForJobOptions, z.input<typeof waitOptionsSchema>>>;

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
    const parsed = parseOptions(waitOptionsSchema, options);
    const policy = resolvePollPolicy(parsed.pollPolicy, ctx.pollPolicy);
    const timeoutMs = (parsed.timeoutMinutes ?? INGEST_DEFAULTS.timeoutMinutes) * 60_000;
    const collector = new ResultCollector(parsed.resultRows ?? INGEST_DEFAULTS.resultRows);
    return findJob(ctx, jobId).pipe(
      concatMap((first) => {
        const control = new RunControl(ctx, first.operation, first.object);
        const later = first.isComplete()
          ? []
          : pollJob(() => refetchJob(ctx.api, first), { policy, timeoutMs, scheduler: ctx.scheduler, initial: first });
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
    const rows = streamRawResults(ctx.api, job).pipe(
      tap((batch) => {
        accounted += batch.rows.count;
        collector.addRaw({ kind: batch.kind, jobId: job.id, header: batch.header, rows: batch.rows });
      }),
      ignoreElements(),
    );
    const result = defer(() => {
      // the input is not known here: the rows the result files hold are all there is
      collector.addOutcome(jobOutcome(job, accounted, accounted));
      return of<BulkEvent<BulkResult>>({ type: 'result', result: collector.result(), control });
    });
    return concat(rows, result);
  });
}
