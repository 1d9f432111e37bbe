import { asyncScheduler, type Observable } from 'rxjs';
import { BulkV2Client } from './bulk/bulk-v2-client.js';
import { resolveClientOptions, type SalesforceClientOptions } from './config.js';
import { ApiClient } from './http/api-client.js';
import { axiosTransport } from './http/axios-transport.js';
import type { LimitInfo } from './http/limits.js';
import { silentLogger } from './http/logger.js';
import { DetachedWork } from './operations/detached-work.js';
import { resolvePollPolicy } from './poller/poll-policy.js';

/**
 * The entry point: wires auth, transport, polling and retries, and exposes `client.bulk`.
 * Holds no logic of its own.
 */
export class SalesforceClient {
  /** Bulk API 2.0 operations. */
  readonly bulk: BulkV2Client;
  /** The org's API usage, updated from every response's `Sforce-Limit-Info`. */
  readonly limitInfo$: Observable<LimitInfo | undefined>;
  private readonly api: ApiClient;
  private readonly detached: DetachedWork;

  constructor(options: SalesforceClientOptions) {
    const resolved = resolveClientOptions(options);
    const logger = resolved.logger ?? silentLogger;
    const scheduler = resolved.scheduler ?? asyncScheduler;
    this.api = new ApiClient({
      transport: resolved.transport ?? axiosTransport(),
      auth: resolved.auth,
      apiVersion: resolved.apiVersion,
      retryPolicy: resolved.retryPolicy,
      scheduler,
      logger,
      ...(resolved.callOptions ? { callOptions: resolved.callOptions } : {}),
    });
    this.detached = new DetachedWork(logger);
    this.limitInfo$ = this.api.limitInfo$;
    this.bulk = new BulkV2Client({ api: this.api, scheduler, pollPolicy: resolvePollPolicy(resolved.pollPolicy), detached: this.detached, logger });
  }

  /** The API version calls are made with, e.g. `66.0`. */
  get apiVersion(): string {
    return this.api.apiVersion;
  }

  /** The last `Sforce-Limit-Info` reading, if any call has been made. */
  get limitInfo(): LimitInfo | undefined {
    return this.api.lastLimitInfo;
  }

  /**
   * Resolves once every abort that an unsubscribe started has been answered by the server.
   * Call it before a process exits (or at the end of a test) so no job is left running.
   */
  whenSettled(): Promise<void> {
    return this.detached.settled();
  }
}
