import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SfIdGenerator } from './core/sf-id.js';
import { TimerRegistry } from './core/timer-registry.js';
import { resolveOptions } from './defaults.js';
import type { EmulatorState } from './emulator-state.js';
import type { BulkEmulator, EmulatorJobs } from './emulator-types.js';
import { FaultInjector } from './faults/fault-injector.js';
import { createRequestListener } from './http/request-handler.js';
import { IngestRunner } from './ingest/ingest-runner.js';
import { UNABLE_TO_LOCK_ROW } from './ingest/row-faults.js';
import { JobRegistry } from './jobs/job-registry.js';
import { jobSnapshot } from './jobs/job-snapshot.js';
import type { Job } from './jobs/job-types.js';
import { ProcessingEngine } from './jobs/processing-engine.js';
import { IdentityDirectory } from './oauth/identity.js';
import { TokenStore } from './oauth/token-store.js';
import type { BulkEmulatorOptions } from './options.js';
import { createEmulatorOrg } from './org/emulator-org.js';
import { RecordStore } from './org/record-store.js';
import { SchemaRegistry } from './org/schema-registry.js';
import { QueryRunner } from './query/query-runner.js';
import { StatsCollector } from './stats/stats-collector.js';

const DEFAULT_FAILURE = 'InvalidBatch : Failed by the emulator (failNextJob)';

function listen(server: Server, port: number, host: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server.address() as AddressInfo);
    });
  });
}

function buildState(options: BulkEmulatorOptions, url: () => string): EmulatorState {
  const resolved = resolveOptions(options);
  const now = (): number => Date.now();
  const ids = new SfIdGenerator();
  const orgId = ids.next('00D');
  const identities = new IdentityDirectory(resolved.users, resolved.clients, () => ids.next('005'));
  const schema = new SchemaRegistry(options.schema, options.replaceDefaultSchema);
  const store = new RecordStore(schema, ids, now, identities.defaultUser().id);
  const timers = new TimerRegistry();
  const usage = { bulkBatches: 0, queryJobs: 0 };
  const countBatches = (job: Job): void => {
    if (job.kind === 'ingest') usage.bulkBatches += Math.max(1, Math.ceil((job.parsed?.rows.length ?? 0) / 10_000));
  };
  const ingest = new IngestRunner(schema, store);
  const query = new QueryRunner(schema, store);
  return {
    options: resolved,
    url,
    now,
    orgId,
    ids,
    schema,
    store,
    jobs: new JobRegistry(),
    engine: new ProcessingEngine(resolved.processing, timers, ingest, query, now, countBatches),
    ingest,
    identities,
    tokens: new TokenStore(orgId.slice(0, 15), resolved.tokenLifetimeMs, now),
    stats: new StatsCollector(resolved.initialApiUsage),
    faults: new FaultInjector(options.faults),
    timers,
    usage,
  };
}

function jobsApi(state: EmulatorState): EmulatorJobs {
  return {
    list: () => state.jobs.all().map(jobSnapshot),
    get: (id) => {
      const job = state.jobs.get(id);
      return job ? jobSnapshot(job) : undefined;
    },
    uploadedCsv: (id) => {
      const job = state.jobs.get(id);
      return job?.kind === 'ingest' ? job.upload?.toString('utf8') : undefined;
    },
    failNext: (message = DEFAULT_FAILURE, options = {}) =>
      state.engine.failNextJob(message, options.afterRecords ?? 0, options.kind),
    failRows: (count, sfError = UNABLE_TO_LOCK_ROW) => state.ingest.rowFaults.add(count, sfError),
  };
}

/**
 * Starts a local Bulk API 2.0 emulator: a real HTTP server on 127.0.0.1 (a free port by
 * default) serving the OAuth token endpoint and every Bulk 2.0 ingest and query resource
 * against an in-memory org. Call `close()` when done.
 */
export async function startBulkEmulator(options: BulkEmulatorOptions = {}): Promise<BulkEmulator> {
  let url = '';
  const state = buildState(options, () => url);
  const server = createServer(createRequestListener(state));
  const address = await listen(server, state.options.port, state.options.host);
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  url = `http://${host}:${address.port}`;
  const { token: accessToken } = state.tokens.issueAccess(state.identities.defaultUser(), true);
  const jobs = jobsApi(state);
  let closing: Promise<void> | undefined;
  const requireUser = (username: string) => {
    const user = state.identities.user(username);
    if (!user) throw new Error(`Unknown emulator user: ${username}`);
    return user;
  };
  return {
    url,
    accessToken,
    org: createEmulatorOrg(state.schema, state.store),
    jobs,
    faults: state.faults,
    stats: () => state.stats.snapshot(),
    setApiUsage: (used) => {
      state.stats.apiCalls = used;
    },
    expireTokens: () => state.tokens.expireAll(),
    issueAccessToken: (username) =>
      state.tokens.issueAccess(username === undefined ? state.identities.defaultUser() : requireUser(username)).token,
    issueRefreshToken: (clientId, username) => {
      if (!state.identities.client(clientId)) throw new Error(`Unknown connected app: ${clientId}`);
      return state.tokens.issueRefresh(clientId, requireUser(username));
    },
    revokeToken: (token) => state.tokens.revoke(token),
    failNextJob: jobs.failNext,
    close: () => {
      closing ??= new Promise<void>((resolve) => {
        state.engine.stopAll();
        state.timers.close();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
