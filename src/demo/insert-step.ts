import { ignoreElements, lastValueFrom, merge, share, tap } from 'rxjs';
import { progress, toResult } from '../../operators/index.js';
import type { DemoContext } from './demo-context.js';
import { count, progressLine, seconds } from './demo-format.js';
import { demoAccounts } from './demo-records.js';

/** What step 1 did. */
export interface InsertSummary {
  readonly jobId: string;
  readonly state: string;
  readonly successCount: number;
  readonly failedCount: number;
  /** Account rows in the org afterwards. */
  readonly orgCount: number;
  readonly elapsedMs: number;
}

/** Step 1: a large insert with a live progress line, then its summary. */
export async function insertStep(ctx: DemoContext): Promise<InsertSummary> {
  const { client, emulator, out } = ctx;
  out.line(`1. Insert ${count(ctx.records)} Account records, with live progress`);
  const started = Date.now();
  // one run, two views: the progress readings and the final result
  const run$ = client.bulk.insert('Account', demoAccounts(ctx.records)).pipe(share());
  const result = await lastValueFrom(
    merge(
      run$.pipe(
        progress(),
        tap((p) => out.progress(progressLine(p))),
        ignoreElements(),
      ),
      run$.pipe(toResult()),
    ),
  );
  const elapsedMs = Date.now() - started;
  out.endProgress();
  const rate = Math.round(result.successCount / Math.max(elapsedMs / 1000, 0.001));
  out.line(
    `  ${count(result.successCount)} inserted, ${count(result.failedCount)} failed in ${seconds(elapsedMs)} (${count(rate)} rows/s), job ${result.job.id} ${result.job.state}`,
  );
  const orgCount = emulator.org.count('Account');
  out.line(`  The org now holds ${count(orgCount)} Account records.`);
  return {
    jobId: result.job.id,
    state: result.job.state,
    successCount: result.successCount,
    failedCount: result.failedCount,
    orgCount,
    elapsedMs,
  };
}
