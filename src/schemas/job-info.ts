import * as z from 'zod/mini';
import { COLUMN_DELIMITERS, JOB_STATES, LINE_ENDINGS } from '../models/job-state.js';

/** Salesforce sends `apiVersion` as a number (66.0 or 53); tolerate a numeric string. */
const apiVersion = z.union([z.number(), z.pipe(z.string().check(z.regex(/^\d+(\.\d+)?$/)), z.transform(Number))]);
const count = z.union([
  z.int().check(z.nonnegative()),
  z.pipe(z.string().check(z.regex(/^\d+$/)), z.transform(Number)),
]);
/** Absent, null or the schema's value; null reads as undefined. */
const optional = <T extends z.ZodMiniType>(schema: T) =>
  z.optional(
    z.pipe(
      z.nullish(schema),
      z.transform((v: z.output<T> | null | undefined) => v ?? undefined),
    ),
  );
const optionalString = optional(z.string());
// an unknown value is not an error: the request's own setting is used instead (a transform, not
// z.catch, which would add 7 kB to a browser bundle)
const optionalEnum = <T extends readonly [string, ...string[]]>(values: T) =>
  z.optional(
    z.pipe(
      z.unknown(),
      z.transform((v): T[number] | undefined => values.find((value) => value === v)),
    ),
  );

/** Every job-info field this SDK reads, ingest and query (Salesforce omits some in short answers). */
const jobInfoShape = {
  /** The job id (`750…`). */
  id: z.string().check(z.minLength(1)),
  /** `insert`, `update`, `upsert`, `delete`, `hardDelete`, `query` or `queryAll`. */
  operation: z.string(),
  /** The sObject the job works on, e.g. `Account`. */
  object: z.string(),
  /** `Open`, `UploadComplete`, `InProgress`, `JobComplete`, `Failed` or `Aborted`. */
  state: z.enum(JOB_STATES),
  /** The user who created the job. */
  createdById: optionalString,
  /** When the job was created (ISO date-time, as sent). */
  createdDate: optionalString,
  /** When the job last changed (ISO date-time, as sent). */
  systemModstamp: optionalString,
  /** How Salesforce processes the job's batches (`Parallel`). */
  concurrencyMode: optionalString,
  /** The data format: `CSV`. */
  contentType: optionalString,
  /** The API version the job was created with; its results are read with the same version. */
  apiVersion: optional(apiVersion),
  /** `V2Ingest` or `V2Query`. */
  jobType: optionalString,
  /** The CSV line ending: `LF` or `CRLF` (an unknown value reads as absent). */
  lineEnding: optionalEnum(LINE_ENDINGS),
  /** The CSV column delimiter, e.g. `COMMA` (an unknown value reads as absent). */
  columnDelimiter: optionalEnum(COLUMN_DELIMITERS),
  /** Rows processed so far. */
  numberRecordsProcessed: optional(count),
  /** Rows failed so far. */
  numberRecordsFailed: optional(count),
  /** How many times Salesforce retried the job's batches. */
  retries: optional(count),
  /** Milliseconds Salesforce spent processing the job. */
  totalProcessingTime: optional(count),
  /** Why the job failed. */
  errorMessage: optionalString,
  /** The external id field of an upsert. */
  externalIdFieldName: optionalString,
  /** The assignment rule applied to Case or Lead rows, if any. */
  assignmentRuleId: optionalString,
  /** Where an ingest job's CSV is uploaded (a path on the instance). */
  contentUrl: optionalString,
  /** Milliseconds of that spent in the API itself. */
  apiActiveProcessingTime: optional(count),
  /** Milliseconds of that spent in triggers and other Apex. */
  apexProcessingTime: optional(count),
  /** Whether the object supports PK chunking (query jobs). */
  isPkChunkingSupported: optional(z.boolean()),
};

/** Ingest job info (create, PATCH, GET): the documented short and full forms both parse. Unknown keys pass through. */
export const ingestJobInfoSchema = z.looseObject(jobInfoShape);

/** Query job info: the same fields (no `numberRecordsFailed` in the documented shape, plus `isPkChunkingSupported`). */
export const queryJobInfoSchema = z.looseObject(jobInfoShape);

/** The job-info fields as Salesforce sends them (dates still strings), derived from the schema. */
export type JobInfoFields = z.output<z.ZodMiniObject<typeof jobInfoShape>>;

export type IngestJobInfo = z.output<typeof ingestJobInfoSchema>;
export type QueryJobInfo = z.output<typeof queryJobInfoSchema>;
