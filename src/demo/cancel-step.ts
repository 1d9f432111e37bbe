import { lastValueFrom, Subject, tap } from 'rxjs';
import { cancelOn, progress } from '../../operators/index.js';
import type { EmulatorJobState } from '../testing/index.js';
import type { DemoContext } from './demo-context.js';
import { count, progressLine } from './demo-format.js';
import { demoAccounts } from './demo-records.js';

/** What step 4 did. */
export interface CancelSummary {
  readonly jobId: string | undefined;
  /** The job's state on the server afterwards: `Aborted` unless it finished first. */
  readonly serverState: EmulatorJobState | undefined;
  readonly processedBeforeAbort: number;
  readonly total: number;
}

/** Cancel once the server has processed this share of the rows: mid-flight, well before the end. */
const CANCEL_AT_PERCENT = 20;

/** Step 4: a second large load, cancelled with `cancelOn` while the server processes it. */
export async function cancelStep(ctx: DemoContext): Promise<CancelSummary> {
  const { client, emulator, out } = ctx;
  out.line(
    `4. Start another load of ${count(ctx.records)} records and cancel it at ${CANCEL_AT_PERCENT}% with cancelOn()`,
  );
  const cancel$ = new Subject<void>();
  let jobId: string | undefined;
  let cancelled = false;
  const run$ = client.bulk.insert('Account', demoAccounts(ctx.records, 'SLOW')).pipe(
    cancelOn(cancel$),
    tap((event) => {
      if (event.type === 'job') jobId = event.job.id;
    }),
    progress(),
    tap((p) => {
      out.progress(progressLine(p));
      if (!cancelled && p.state === 'InProgress' && (p.percent ?? 0) >= CANCEL_AT_PERCENT) {
        cancelled = true;
        cancel$.next(); // what a Cancel button would do
      }
    }),
  );
  // cancelOn completes after the Aborted snapshot, without a result
  await lastValueFrom(run$, { defaultValue: undefined });
  out.endProgress();
  const server = jobId === undefined ? undefined : emulator.jobs.get(jobId);
  const processed = server?.numberRecordsProcessed ?? 0;
  out.line(
    `  Server side, job ${jobId ?? '?'} is ${server?.state ?? 'unknown'} after ${count(processed)} of ${count(ctx.records)} rows (rows already saved stay saved, as on Salesforce).`,
  );
  return { jobId, serverState: server?.state, processedBeforeAbort: processed, total: ctx.records };
}
