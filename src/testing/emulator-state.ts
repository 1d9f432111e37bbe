import type { SfIdGenerator } from './core/sf-id.js';
import type { TimerRegistry } from './core/timer-registry.js';
import type { FaultInjector } from './faults/fault-injector.js';
import type { JobRegistry } from './jobs/job-registry.js';
import type { ProcessingEngine } from './jobs/processing-engine.js';
import type { IngestRunner } from './ingest/ingest-runner.js';
import type { IdentityDirectory } from './oauth/identity.js';
import type { TokenStore } from './oauth/token-store.js';
import type { ResolvedOptions } from './options.js';
import type { RecordStore } from './org/record-store.js';
import type { SchemaRegistry } from './org/schema-registry.js';
import type { StatsCollector } from './stats/stats-collector.js';

/** Daily allocations consumed by jobs (for `/limits`). */
export interface UsageCounters {
  /** Internal 10,000-record batches of processed ingest jobs. */
  bulkBatches: number;
  /** Query jobs created. */
  queryJobs: number;
}

/** Everything a route handler can reach. Built once per emulator. */
export interface EmulatorState {
  readonly options: ResolvedOptions;
  /** Base URL, known once the server listens. */
  readonly url: () => string;
  readonly now: () => number;
  readonly orgId: string;
  readonly ids: SfIdGenerator;
  readonly schema: SchemaRegistry;
  readonly store: RecordStore;
  readonly jobs: JobRegistry;
  readonly engine: ProcessingEngine;
  /** Row processing (holds the scripted row faults). */
  readonly ingest: IngestRunner;
  readonly identities: IdentityDirectory;
  readonly tokens: TokenStore;
  readonly stats: StatsCollector;
  readonly faults: FaultInjector;
  readonly timers: TimerRegistry;
  readonly usage: UsageCounters;
}
