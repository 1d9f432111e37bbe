import * as z from 'zod';
import { COLUMN_DELIMITERS, JOB_STATES, LINE_ENDINGS } from '../models/job-state.js';

/** Salesforce sends `apiVersion` as a number (66.0 or 53); tolerate a numeric string. */
const apiVersion = z.union([
  z.number(),
  z
    .string()
    .regex(/^\d+(\.\d+)?$/)
    .transform(Number),
]);
const count = z.union([z.number().int().nonnegative(), z.string().regex(/^\d+$/).transform(Number)]);
const optional = <T extends z.ZodType>(schema: T) =>
  schema
    .nullish()
    .transform((v) => v ?? undefined)
    .optional();
const optionalString = optional(z.string());
// an unknown value is not an error: the request's own setting is used instead
const optionalEnum = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .enum(values)
    .nullish()
    .catch(undefined)
    .transform((v) => v ?? undefined)
    .optional();

/** Every job-info field this SDK reads, ingest and query (Salesforce omits some in short answers). */
const jobInfoShape = {
  id: z.string().min(1),
  operation: z.string(),
  object: z.string(),
  state: z.enum(JOB_STATES),
  createdById: optionalString,
  createdDate: optionalString,
  systemModstamp: optionalString,
  concurrencyMode: optionalString,
  contentType: optionalString,
  apiVersion: optional(apiVersion),
  jobType: optionalString,
  lineEnding: optionalEnum(LINE_ENDINGS),
  columnDelimiter: optionalEnum(COLUMN_DELIMITERS),
  numberRecordsProcessed: optional(count),
  numberRecordsFailed: optional(count),
  retries: optional(count),
  totalProcessingTime: optional(count),
  errorMessage: optionalString,
  // ingest only
  externalIdFieldName: optionalString,
  assignmentRuleId: optionalString,
  contentUrl: optionalString,
  apiActiveProcessingTime: optional(count),
  apexProcessingTime: optional(count),
  // query only
  isPkChunkingSupported: optional(z.boolean()),
};

/** Ingest job info (create, PATCH, GET): the documented short and full forms both parse. Unknown keys pass through. */
export const ingestJobInfoSchema = z.looseObject(jobInfoShape);

/** Query job info: the same fields (no `numberRecordsFailed` in the documented shape, plus `isPkChunkingSupported`). */
export const queryJobInfoSchema = z.looseObject(jobInfoShape);

/** The job-info fields as Salesforce sends them (dates still strings), derived from the schema. */
export type JobInfoFields = z.output<z.ZodObject<typeof jobInfoShape>>;

export type IngestJobInfo = z.infer<typeof ingestJobInfoSchema>;
export type QueryJobInfo = z.infer<typeof queryJobInfoSchema>;
