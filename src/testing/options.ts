import type { CorsOption } from './http/cors.js';
import type { FaultOptions } from './faults/fault-types.js';
import type { ProcessingMode } from './jobs/processing-engine.js';
import type { ConnectedAppConfig, EmulatorUserConfig } from './oauth/identity.js';
import type { SchemaInput } from './org/schema-types.js';

/** Shape of the `resultPages` response: as documented, as observed on real orgs, or not served (404). */
export type ResultPagesMode = 'documented' | 'observed' | 'disabled';

/** Options of {@link startBulkEmulator}. Every field is optional. */
export interface BulkEmulatorOptions {
  /** TCP port; 0 (default) picks a free one. */
  readonly port?: number;
  /** Interface to bind; default `127.0.0.1`. */
  readonly host?: string;
  /** Processing speed: `'instant'` or `{ recordsPerSecond, tickMs? }`. Default 5,000 records/s, 50 ms ticks. */
  readonly processing?: ProcessingMode;
  /** Access token lifetime in ms (default 2 h). The pre-issued `accessToken` does not age; `expireTokens()` ends it. */
  readonly tokenLifetimeMs?: number;
  /** Org users; default one user `emulator@kinetic-core.test` / `emulator-password`. */
  readonly users?: readonly EmulatorUserConfig[];
  /**
   * Connected apps; default one app `kinetic-emulator-client` / `kinetic-emulator-secret` whose
   * run-as user is the first user.
   */
  readonly clients?: readonly ConnectedAppConfig[];
  /** Allowed JWT audiences; default login/test.salesforce.com. The emulator's own URL is always allowed. */
  readonly jwtAudiences?: readonly string[];
  /** Clock-skew leniency for JWT `exp`, in seconds (default 30). */
  readonly jwtClockSkewSeconds?: number;
  /** sObjects to add to (or replace in) the default Account/Contact schema. */
  readonly schema?: SchemaInput;
  /** Use only `schema`, without the default objects. */
  readonly replaceDefaultSchema?: boolean;
  /** Jobs per list page (default 1,000). */
  readonly listPageSize?: number;
  /** Rows per query result page when the client sends no `maxRecords` (default 10,000). */
  readonly queryPageSize?: number;
  /** `resultPages` response shape (default `documented`). */
  readonly resultPages?: ResultPagesMode;
  /** Daily API request allocation, shown in `Sforce-Limit-Info` and `/limits` (default 5,000,000). */
  readonly apiRequestLimit?: number;
  /** API calls already used when the emulator starts (default 0). */
  readonly initialApiUsage?: number;
  /** Upload limit per job, measured base64-encoded like Salesforce does (default 150 MB). */
  readonly maxUploadBytes?: number;
  /** Highest API version served (default 67.0); versions below 31.0 get 410. */
  readonly maxApiVersion?: number;
  /** Fault rules and the PRNG seed. */
  readonly faults?: FaultOptions;
  /** CORS for browser clients (default off). */
  readonly cors?: CorsOption;
}

/** Options with every default applied. */
export interface ResolvedOptions {
  readonly port: number;
  readonly host: string;
  readonly processing: ProcessingMode;
  readonly tokenLifetimeMs: number;
  readonly users: readonly EmulatorUserConfig[];
  readonly clients: readonly ConnectedAppConfig[];
  readonly jwtAudiences: readonly string[];
  readonly jwtClockSkewSeconds: number;
  readonly listPageSize: number;
  readonly queryPageSize: number;
  readonly resultPages: ResultPagesMode;
  readonly apiRequestLimit: number;
  readonly initialApiUsage: number;
  readonly maxUploadBytes: number;
  readonly maxApiVersion: number;
  readonly cors: CorsOption;
}

/** Multipart create-with-data accepts at most this many characters of CSV. */
export const MULTIPART_MAX_CHARS = 100_000;
/** Versions below this one are retired (410). */
export const MIN_LIVE_API_VERSION = 31;
