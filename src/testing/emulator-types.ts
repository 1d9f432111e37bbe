import type { EmulatorFaults } from './faults/fault-types.js';
import type { EmulatorJobInfo } from './jobs/job-snapshot.js';
import type { EmulatorOrg } from './org/emulator-org.js';
import type { EmulatorStats } from './stats/stats-collector.js';

/** Options of a scripted job failure. */
export interface FailNextJobOptions {
  /** Rows to process before failing (default 0: nothing is processed). */
  readonly afterRecords?: number;
  /** Only the next job of this kind. */
  readonly kind?: 'ingest' | 'query';
}

/** Server-side view of the jobs. */
export interface EmulatorJobs {
  /** Every job, in creation order (deleted jobs are gone). */
  list(): EmulatorJobInfo[];
  /** A job by id. */
  get(id: string): EmulatorJobInfo | undefined;
  /** The CSV uploaded to an ingest job, as received. */
  uploadedCsv(id: string): string | undefined;
  /** The next job to start processing ends `Failed` with `errorMessage` = `message`. */
  failNext(message?: string, options?: FailNextJobOptions): void;
  /**
   * The next `count` ingest rows processed fail with `sfError` (default `UNABLE_TO_LOCK_ROW`) and
   * change nothing, like transient lock contention on a real org.
   */
  failRows(count: number, sfError?: string): void;
}

/** A running Bulk API 2.0 emulator. */
export interface BulkEmulator {
  /** Base URL, e.g. `http://127.0.0.1:54321` (also the `instance_url` of issued tokens). */
  readonly url: string;
  /** A valid access token issued at start for the first user; it does not age, `expireTokens()` ends it. */
  readonly accessToken: string;
  /** The in-memory org data. */
  readonly org: EmulatorOrg;
  /** Server-side job states. */
  readonly jobs: EmulatorJobs;
  /** Runtime fault injection. */
  readonly faults: EmulatorFaults;
  /** Request counts by route and method, and API calls used. */
  stats(): EmulatorStats;
  /** Sets the API calls used so far (e.g. to the allocation, to provoke REQUEST_LIMIT_EXCEEDED). */
  setApiUsage(used: number): void;
  /** Makes every access token issued so far invalid (data calls then get 401 INVALID_SESSION_ID). */
  expireTokens(): void;
  /** Issues a new access token for a user (default: the first user); it expires after `tokenLifetimeMs`. */
  issueAccessToken(username?: string): string;
  /** Issues a refresh token usable with the `refresh_token` grant by `clientId`. */
  issueRefreshToken(clientId: string, username: string): string;
  /** Revokes a refresh (or access) token; false when unknown. */
  revokeToken(token: string): boolean;
  /** Shortcut for `jobs.failNext`. */
  failNextJob(message?: string, options?: FailNextJobOptions): void;
  /** Stops the server, closes keep-alive sockets and stops every processing timer. */
  close(): Promise<void>;
}
