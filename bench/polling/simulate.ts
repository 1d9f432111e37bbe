import { defer, map, timer, VirtualAction, VirtualTimeScheduler } from 'rxjs';
import { pollJob } from '../../src/poller/poll-job.js';
import type { PollPolicy } from '../../src/poller/poll-policy.js';
import type { SimulatedJob } from './simulated-job.js';

/** Round trip of one GET in the benchmark: small, so that polls drift off whole seconds as they do on a real network. */
export const DEFAULT_LATENCY_MS = 100;

/** What one policy cost on one job. */
export interface PollingOutcome {
  /** GET calls made. */
  readonly polls: number;
  /** Time between the job finishing on the server and the answer that showed it finished. */
  readonly detectionMs: number;
  /** Virtual times the polls were sent. */
  readonly pollTimes: readonly number[];
}

/** Options of {@link simulatePolling}. */
export interface SimulateOptions {
  /** Tell the poller the job's record count, as ingest does (default true). */
  readonly withTotal?: boolean;
  /** Deadline passed to the poller (default: none). */
  readonly timeoutMs?: number;
  /** Time each GET takes: the server reads the job when the request is sent, the answer arrives this much later (default 100). */
  readonly latencyMs?: number;
}

/**
 * Runs the real `pollJob` with the real schedule of `policy` against a simulated job, in
 * virtual time: a ten-minute job takes microseconds.
 */
export function simulatePolling(policy: PollPolicy, job: SimulatedJob, options: SimulateOptions = {}): PollingOutcome {
  const scheduler = new VirtualTimeScheduler(VirtualAction, Infinity);
  const pollTimes: number[] = [];
  const latencyMs = options.latencyMs ?? DEFAULT_LATENCY_MS;
  const fetch = () =>
    defer(() => {
      const sentAt = scheduler.now();
      pollTimes.push(sentAt);
      return timer(latencyMs, scheduler).pipe(map(() => job.snapshotAt(sentAt)));
    });
  let failure: unknown;
  pollJob(fetch, {
    policy,
    scheduler,
    initial: job.snapshotAt(0),
    ...(options.withTotal === false ? {} : { total: job.total }),
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
  }).subscribe({ error: (error: unknown) => (failure = error) });
  scheduler.flush();
  if (failure !== undefined) throw failure;
  const last = pollTimes[pollTimes.length - 1] ?? 0;
  return { polls: pollTimes.length, detectionMs: last + latencyMs - job.durationMs, pollTimes };
}
