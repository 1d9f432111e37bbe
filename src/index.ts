/**
 * A reactive SDK for the Salesforce Bulk API 2.0: `SalesforceClient` and its `client.bulk`
 * operations (cold Observables of job events), the authenticators, the result models, the
 * poll and retry policies, the transports and the error tree.
 *
 * @module kinetic-core
 */
// Explicit exports only: what is not listed here is internal.
export { SalesforceClient } from './client/salesforce-client.js';
export { DEFAULT_API_VERSION, type SalesforceClientOptions } from './client/client-options.js';
export type { BulkV2Client, IdList, IdRecord, StartOnlyOptions } from './client/bulk-v2-client.js';

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

export type {
  BulkEvent,
  BulkJobEvent,
  BulkResultEvent,
  BulkRecord,
  JobControl,
} from './operations/shared/bulk-event.js';
export type { IngestOptions } from './operations/ingest/ingest-options.js';
export {
  memoryJournal,
  type JournalOptions,
  type JournalStore,
  type LoadJournalStore,
} from './operations/ingest/journal/journal-store.js';
export type { LoadJournal, JournalSlice } from './operations/ingest/journal/load-journal.js';
export type { SinkSource } from './operations/sink/sink.js';
export { sinkRecords } from './client/sink-records.js';
export type { SinkOptions, SinkOperation, SinkOverflow } from './operations/sink/sink-options.js';
export type {
  SinkEvent,
  SinkJobEvent,
  SinkJobResultEvent,
  SinkPausedEvent,
  SinkResumedEvent,
  SinkDroppedEvent,
} from './operations/sink/sink-event.js';
export {
  memorySinkJournal,
  type SinkJournal,
  type SinkJournalJob,
  type SinkJournalStore,
} from './operations/sink/sink-journal-store.js';
export { dateOnly } from './csv/date-only.js';
export { csvInput, type CsvInput, type CsvSource, type IngestInput } from './operations/ingest/ingest-input.js';
export type { ExistingQueryOptions, QueryOptions, QueryRow } from './operations/query/query-options.js';
export type { QueryCursor, QueryPage } from './operations/query/query-cursor.js';
export type { ListJobsFilter } from './operations/existing/existing-job.js';
export type { WaitForJobOptions } from './operations/existing/wait-for-job.js';
export type { ResultBatch } from './operations/ingest/results/ingest-result-rows.js';
export { RESULT_FILE_KINDS, type ResultFileKind } from './models/result-file-kind.js';
export type { QuerySchema } from './operations/query/rows/typed-rows.js';
export type { InvalidRow } from './operations/query/rows/row-pipeline.js';
export type { NestedRecord } from './operations/query/rows/nest-columns.js';
export { RowValidationError, type RowIssue } from './errors/row-validation-error.js';

export { BulkJob } from './models/bulk-job.js';
export type { JobInfoFields } from './schemas/job-info.js';
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
  JOB_STATES,
  COLUMN_DELIMITERS,
  LINE_ENDINGS,
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
  type BackoffPollPolicy,
  type FixedPollPolicy,
} from './poller/poll-policy.js';
export type { PollPolicyInput } from './poller/poll-policy-schema.js';
export {
  DEFAULT_ADAPTIVE_POLL_POLICY,
  adaptivePolling,
  type AdaptivePollPolicy,
  type AdaptivePollOptions,
} from './poller/adaptive-polling.js';
export { DEFAULT_RETRY_POLICY, type RetryPolicy } from './http/retry-policy.js';
export { DEFAULT_REQUEST_LIMITS, type RequestLimits } from './http/request-limits.js';
export { axiosTransport, type AxiosTransportOptions } from './http/axios-transport.js';
export { keepaliveTransport, type KeepaliveTransportOptions } from './http/keepalive-transport.js';
export type { Transport, HttpRequest, HttpResponse, HttpMethod, RequestBody, ByteStream } from './http/transport.js';
export type { LimitInfo } from './models/limit-info.js';
export type { BulkLimits, LimitAllocation } from './schemas/limits.js';
export { ApiLimitGuardError } from './errors/api-limit-guard-error.js';
export type { Logger } from './http/logger.js';

export {
  KineticError,
  ApiError,
  AuthenticationError,
  RateLimitError,
  ServerError,
  ConnectionError,
  RequestTimeoutError,
  ValidationError,
  ResponseValidationError,
  ResultMismatchError,
  JournalMismatchError,
  JournalWriteError,
  LoadInterruptedError,
  ResponseLimitError,
  SecretSet,
  BulkTimeoutError,
  JobFailedError,
  JobAbortedError,
  RecordsFailedError,
  SinkOverflowError,
  type SalesforceErrorItem,
  type ValidationIssue,
  type ResponseIssue,
  type JobResultMismatch,
  type ApiErrorDetails,
  type KineticErrorOptions,
  type RequestTimeoutKind,
  type ResponseLimitName,
} from './errors/index.js';
export type { CsvRow } from './csv/csv-push-parser.js';
