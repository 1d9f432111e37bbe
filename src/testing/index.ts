/**
 * A local Bulk API 2.0 emulator for tests (Node only): `startBulkEmulator()` runs the OAuth
 * token endpoint and every ingest and query resource against an in-memory org.
 *
 * @module kinetic-core/testing
 */
export { startBulkEmulator } from './emulator.js';
export type { BulkEmulator, EmulatorJobs, FailNextJobOptions } from './emulator-types.js';
export type { BulkEmulatorOptions, ResultPagesMode } from './options.js';
export type { ProcessingMode } from './jobs/processing-engine.js';
export type { EmulatorJobInfo } from './jobs/job-snapshot.js';
export type { EmulatorJobState } from './jobs/job-types.js';
export type { EmulatorOrg, OrgListOptions } from './org/emulator-org.js';
export type {
  SchemaInput,
  SObjectInput,
  SfFieldInput,
  SfFieldType,
  SfFieldValue,
  SfRecord,
} from './org/schema-types.js';
export type { ConnectedAppConfig, EmulatorUserConfig } from './oauth/identity.js';
export { DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET, DEFAULT_PASSWORD, DEFAULT_USERNAME } from './oauth/identity.js';
export type { EmulatorFaults, FaultEffect, FaultHandle, FaultOptions, FaultRule } from './faults/fault-types.js';
export type { CorsOption } from './http/cors.js';
export type { EmulatorStats } from './stats/stats-collector.js';
export { caseSafeSuffix, normalizeSfId } from './core/sf-id.js';
