import { AccessTokenAuthenticator, fixedPolling, SalesforceClient } from '../index.js';
import { startBulkEmulator } from '../testing/index.js';
import { cancelStep, type CancelSummary } from './cancel-step.js';
import type { DemoContext } from './demo-context.js';
import { count, seconds } from './demo-format.js';
import { createDemoOutput } from './demo-output.js';
import { DEMO_SCHEMA } from './demo-records.js';
import { insertStep, type InsertSummary } from './insert-step.js';
import { queryStep, type QuerySummary } from './query-step.js';
import { upsertStep, type UpsertSummary } from './upsert-step.js';

/** Options of {@link runDemo}; the defaults are what `npm start` runs. */
export interface DemoOptions {
  /** Records of the large loads (default 50,000). */
  readonly records?: number;
  /** Emulator processing speed (default 25,000 records/s, so that progress is visible). */
  readonly recordsPerSecond?: number;
  /** How often the client polls job state (default 200 ms). */
  readonly pollIntervalMs?: number;
  /** Where output goes (default `process.stdout`). */
  readonly write?: (chunk: string) => void;
  /** Redraw the progress line in place (default: whether stdout is a terminal). */
  readonly tty?: boolean;
}

/** What the demo did, step by step. */
export interface DemoSummary {
  readonly url: string;
  readonly insert: InsertSummary;
  readonly upsert: UpsertSummary;
  readonly query: QuerySummary;
  readonly cancel: CancelSummary;
  readonly elapsedMs: number;
}

/**
 * Runs the kinetic-core demo against an embedded Bulk API 2.0 emulator: a large insert with
 * live progress, an upsert with row errors, a streamed query, and a cancelled job. The emulator
 * is closed and every abort answered before the promise settles.
 */
export async function runDemo(options: DemoOptions = {}): Promise<DemoSummary> {
  const records = options.records ?? 50_000;
  const recordsPerSecond = options.recordsPerSecond ?? 25_000;
  const out = createDemoOutput(
    options.write ?? ((chunk) => process.stdout.write(chunk)),
    options.tty ?? process.stdout.isTTY === true,
  );
  const started = Date.now();
  const emulator = await startBulkEmulator({ processing: { recordsPerSecond }, schema: DEMO_SCHEMA });
  const client = new SalesforceClient({
    auth: new AccessTokenAuthenticator({ instanceUrl: emulator.url, accessToken: emulator.accessToken }),
    pollPolicy: fixedPolling(options.pollIntervalMs ?? 200),
  });
  const ctx: DemoContext = { client, emulator, out, records };
  try {
    out.line('kinetic-core demo: Salesforce Bulk API 2.0 as RxJS streams');
    out.line(`Local Bulk API 2.0 emulator at ${emulator.url}, processing ${count(recordsPerSecond)} records/s`);
    out.line();
    const insert = await insertStep(ctx);
    out.line();
    const upsert = await upsertStep(ctx);
    out.line();
    const query = await queryStep(ctx);
    out.line();
    const cancel = await cancelStep(ctx);
    out.line();
    const elapsedMs = Date.now() - started;
    out.line(`Done in ${seconds(elapsedMs)}. ${emulator.stats().totalRequests} HTTP requests served by the emulator.`);
    return { url: emulator.url, insert, upsert, query, cancel, elapsedMs };
  } finally {
    out.endProgress();
    await client.whenSettled();
    await emulator.close();
  }
}
