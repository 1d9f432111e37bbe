import { z } from 'zod';

/** Salesforce sends `apiVersion` as a number (66.0 or 53); tolerate a numeric string. */
const apiVersion = z.union([
  z.number(),
  z
    .string()
    .regex(/^\d+(\.\d+)?$/)
    .transform(Number),
]);
const count = z.union([z.number().int().nonnegative(), z.string().regex(/^\d+$/).transform(Number)]);
const optionalString = z
  .string()
  .nullish()
  .transform((v) => v ?? undefined);

/** Fields common to ingest and query job info. Unknown keys pass through untouched. */
const jobInfoBase = {
  id: z.string().min(1),
  operation: z.string(),
  object: z.string(),
  state: z.enum(['Open', 'UploadComplete', 'InProgress', 'JobComplete', 'Failed', 'Aborted']),
  createdById: optionalString,
  createdDate: optionalString,
  systemModstamp: optionalString,
  concurrencyMode: optionalString,
  contentType: optionalString,
  apiVersion: apiVersion.nullish().transform((v) => v ?? undefined),
  jobType: optionalString,
  lineEnding: optionalString,
  columnDelimiter: optionalString,
  numberRecordsProcessed: count.nullish().transform((v) => v ?? undefined),
  retries: count.nullish().transform((v) => v ?? undefined),
  totalProcessingTime: count.nullish().transform((v) => v ?? undefined),
  errorMessage: optionalString,
};

/** Ingest job info (create, PATCH, GET): the documented short and full forms both parse. */
export const ingestJobInfoSchema = z.looseObject({
  ...jobInfoBase,
  externalIdFieldName: optionalString,
  assignmentRuleId: optionalString,
  contentUrl: optionalString,
  numberRecordsFailed: count.nullish().transform((v) => v ?? undefined),
  apiActiveProcessingTime: count.nullish().transform((v) => v ?? undefined),
  apexProcessingTime: count.nullish().transform((v) => v ?? undefined),
});

/** Query job info: no `numberRecordsFailed` in the documented shape, plus `isPkChunkingSupported`. */
export const queryJobInfoSchema = z.looseObject({
  ...jobInfoBase,
  numberRecordsFailed: count.nullish().transform((v) => v ?? undefined),
  isPkChunkingSupported: z
    .boolean()
    .nullish()
    .transform((v) => v ?? undefined),
});

export type IngestJobInfo = z.infer<typeof ingestJobInfoSchema>;
export type QueryJobInfo = z.infer<typeof queryJobInfoSchema>;
