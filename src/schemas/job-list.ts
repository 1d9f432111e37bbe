import * as z from 'zod/mini';
import { ingestJobInfoSchema } from './job-info.js';

/** One listing entry: the summary fields only; tolerate states and types we do not model (Classic jobs). */
export const jobListEntrySchema = z.extend(ingestJobInfoSchema, {
  state: z.string(),
  operation: z.string(),
  object: z.string(),
});

/** `GET .../jobs/ingest` and `.../jobs/query`: a page of jobs and the link to the next one. */
export const jobListSchema = z.looseObject({
  done: z.boolean(),
  records: z.array(jobListEntrySchema),
  nextRecordsUrl: z.pipe(
    z.nullish(z.string()),
    z.transform((v) => v ?? null),
  ),
});

export type JobListPage = z.output<typeof jobListSchema>;
export type JobListEntry = z.output<typeof jobListEntrySchema>;
