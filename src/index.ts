// The public API of kinetic-core. Explicit exports only: what is not listed here is internal.
export { SalesforceClient } from './client.js';
export { DEFAULT_API_VERSION, type SalesforceClientOptions } from './config.js';
export { BulkV2Client, type IdList } from './bulk/bulk-v2-client.js';

export type { Authenticator, Session } from './auth/authenticator.js';
export { CachedAuthenticator } from './auth/cached-authenticator.js';
export { AccessTokenAuthenticator, type AccessTokenOptions } from './auth/access-token.js';
export { JwtAuthenticator, type JwtOptions } from './auth/jwt-bearer.js';
export { ClientCredentialsAuthenticator, type ClientCredentialsOptions } from './auth/client-credentials.js';
export { PasswordAuthenticator, type PasswordOptions } from './auth/password.js';
export { RefreshTokenAuthenticator, type RefreshTokenOptions } from './auth/refresh-token.js';
export { authenticatorFromEnv } from './auth/from-env.js';
export { SfCliAuthenticator, type SfCliOptions } from './auth/sf-cli-authenticator.js';
export { SfCliError, type SfCliFailure } from './auth/sf-cli-error.js';
export type { SfCliRunner, SfCliOutcome } from './auth/sf-cli-runner.js';
export { jwtAudience } from './auth/jwt-audience.js';
export type { EnvSource, FromEnvOptions, ReadTextFile } from './auth/env.js';
export type { TokenFlowOptions } from './auth/token-flow-options.js';

export type { BulkEvent, BulkJobEvent, BulkResultEvent, BulkRecord, JobControl } from './operations/bulk-event.js';
export type { IngestOptions } from './operations/ingest-options.js';
export { csvInput, type CsvInput, type CsvSource, type IngestInput } from './operations/ingest-input.js';
export type { QueryOptions, QueryRow } from './operations/query-options.js';
export type { QueryCursor, QueryPage } from './operations/query-cursor.js';
export type { ListJobsFilter } from './operations/existing-job.js';
export type { WaitForJobOptions } from './operations/wait-for-job.js';
export type { ResultBatch } from './operations/fetch-ingest-results.js';
export type { ResultFileKind } from './operations/ingest-results.js';
export type { QuerySchema } from './operations/typed-rows.js';
export type { InvalidRow } from './operations/row-pipeline.js';
export type { NestedRecord } from './operations/nest-columns.js';
export { RowValidationError, type RowIssue } from './errors/row-validation-error.js';

export { BulkJob, type JobInfoFields } from './models/bulk-job.js';
export {
  BulkResult,
  type BulkResultInit,
  type SuccessRecord,
  type FailedRecord,
  type UnprocessedRecord,
  type RecordFields,
  type RowOrigin,
} from './models/bulk-result.js';
export { BulkQueryResult, type QueryRecord } from './models/bulk-query-result.js';
export type { BulkError } from './models/bulk-error.js';
export {
  isTerminalState,
  TERMINAL_STATES,
  type JobState,
  type IngestOperation,
  type QueryOperation,
  type ColumnDelimiter,
  type LineEnding,
} from './models/job-state.js';

export {
  DEFAULT_POLL_POLICY,
  backoffPolling,
  fixedPolling,
  type PollPolicy,
  type PollPolicyInput,
  type BackoffPollPolicy,
  type FixedPollPolicy,
} from './poller/poll-policy.js';
export {
  DEFAULT_ADAPTIVE_POLL_POLICY,
  adaptivePolling,
  type AdaptivePollPolicy,
  type AdaptivePollOptions,
} from './poller/adaptive-polling.js';
export { DEFAULT_RETRY_POLICY, type RetryPolicy } from './http/retry-policy.js';
export { axiosTransport, type AxiosTransportOptions } from './http/axios-transport.js';
export type { Transport, HttpRequest, HttpResponse, HttpMethod, RequestBody, ByteStream } from './http/transport.js';
export type { LimitInfo } from './http/limits.js';
export type { BulkLimits, LimitAllocation } from './schemas/limits.js';
export { ApiLimitGuardError } from './operations/api-limit-guard-error.js';
export type { Logger } from './http/logger.js';

export {
  KineticError,
  ApiError,
  AuthenticationError,
  RateLimitError,
  ServerError,
  ConnectionError,
  ValidationError,
  ResponseValidationError,
  BulkTimeoutError,
  JobFailedError,
  JobAbortedError,
  RecordsFailedError,
  type SalesforceErrorItem,
  type ValidationIssue,
  type ResponseIssue,
} from './errors/index.js';
