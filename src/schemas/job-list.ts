import { z } from 'zod';
import { ingestJobInfoSchema } from './job-info.js';

/** One listing entry: the summary fields only; tolerate states and types we do not model (Classic jobs). */
export const jobListEntrySchema = ingestJobInfoSchema.extend({
  state: z.string(),
  operation: z.string(),
  object: z.string(),
});

/** `GET .../jobs/ingest` and `.../jobs/query`: a page of jobs and the link to the next one. */
export const jobListSchema = z.looseObject({
  done: z.boolean(),
  records: z.array(jobListEntrySchema),
  nextRecordsUrl: z
    .string()
    .nullish()
    .transform((v) => v ?? null),
});

export type JobListPage = z.infer<typeof jobListSchema>;
export type JobListEntry = z.infer<typeof jobListEntrySchema>;
