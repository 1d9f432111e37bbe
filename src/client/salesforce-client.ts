import { asyncScheduler, type Observable } from 'rxjs';
import { authenticatorFromEnv } from '../auth/from-env.js';
import { processEnv, type EnvSource } from '../auth/env.js';
import { BulkV2Client } from './bulk-v2-client.js';
import { resolveClientOptions, type SalesforceClientOptions } from './client-options.js';
import { ApiClient } from '../http/api-client.js';
import { axiosTransport } from '../http/axios-transport.js';
import { limitedTransport } from '../http/limited-transport.js';
import type { LimitInfo } from '../models/limit-info.js';
import { silentLogger } from '../http/logger.js';
import { getLimits } from '../api/limits-api.js';
import { JobOwnership } from '../operations/create/job-ownership.js';
import { DetachedWork } from '../operations/shared/detached-work.js';
import { apiLimitGuard } from '../operations/shared/limit-guard.js';
import type { BulkLimits } from '../schemas/limits.js';

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
    const transport = resolved.transport ?? axiosTransport();
    const requestLimits = resolved.requestLimits;
    // token flows call the token endpoint over the same transport and limits, unless given their own
    resolved.auth.bindTransport?.(limitedTransport(transport, requestLimits, { scheduler }));
    this.api = new ApiClient({
      requestLimits,
      transport,
      auth: resolved.auth,
      apiVersion: resolved.apiVersion,
      retryPolicy: resolved.retryPolicy,
      scheduler,
      logger,
      ...(resolved.callOptions ? { callOptions: resolved.callOptions } : {}),
    });
    this.detached = new DetachedWork(logger);
    this.limitInfo$ = this.api.limitInfo$;
    const limitGuard =
      resolved.minRemainingApiCalls === undefined
        ? undefined
        : apiLimitGuard(() => this.api.lastLimitInfo, resolved.minRemainingApiCalls);
    this.bulk = new BulkV2Client({
      api: this.api,
      scheduler,
      pollPolicy: resolved.pollPolicy,
      detached: this.detached,
      ownership: new JobOwnership(),
      logger,
      ...(limitGuard ? { limitGuard } : {}),
    });
  }

  /**
   * A client configured from environment variables: the auth flow is picked from what is set
   * (see docs/authentication.md), and `SF_API_VERSION` sets the API version.
   */
  static fromEnv(options: Omit<SalesforceClientOptions, 'auth'> & { readonly env?: EnvSource } = {}): SalesforceClient {
    const { env = processEnv(), ...rest } = options;
    const apiVersion = rest.apiVersion ?? env.SF_API_VERSION?.replace(/^v/, '');
    return new SalesforceClient({
      ...rest,
      auth: authenticatorFromEnv(env, rest.transport ? { transport: rest.transport } : {}),
      ...(apiVersion ? { apiVersion } : {}),
    });
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
   * The org's Bulk-related daily allocations (`GET /limits`): `DailyApiRequests`,
   * `DailyBulkApiBatches`, `DailyBulkV2QueryJobs`, `DailyBulkV2QueryFileStorageMB`, each
   * `{ max, remaining }` or undefined when the org does not report it. Cold: one request per subscription.
   */
  limits(): Observable<BulkLimits> {
    return getLimits(this.api);
  }

  /**
   * Resolves once every abort that an unsubscribe started has been answered by the server.
   * Call it before a process exits (or at the end of a test) so no job is left running.
   */
  whenSettled(): Promise<void> {
    return this.detached.settled();
  }
}
