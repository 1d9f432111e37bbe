import * as z from 'zod/mini';
import { COLUMN_DELIMITERS, JOB_STATES, LINE_ENDINGS } from '../../../models/job-state.js';

const count = z.int().check(z.nonnegative());

/**
 * One job of a slice. The first attempt holds every row of the slice; when a resumed load finds
 * that attempt ended `Aborted` or `Failed`, the rows it left unprocessed (known from its result
 * files, which never change) go to the next attempt, and so on.
 */
const journalAttemptSchema = z.object({
  /** Rows sent to this attempt. */
  rows: count,
  /** When its job creation was sent (ISO): set before the request, so a crash during it is known. */
  createSentAt: z.optional(z.string()),
  /** Its job, once created: written before anything is uploaded to it. */
  jobId: z.optional(z.string()),
  /** The job's last known state. */
  state: z.optional(z.enum(JOB_STATES)),
  /** Rows the job had processed, last known. */
  processed: z.optional(count),
  /** Rows the job had failed, last known. */
  failed: z.optional(count),
  /** True once its result rows were read and delivered. */
  settled: z.optional(z.boolean()),
});

/** One slice of a load (consecutive input rows, cut as one job) as the journal records it. */
const journalSliceSchema = z.object({
  /** 0-based position of the slice in the load. */
  index: count,
  /** Input index of its first row. */
  start: count,
  /** Rows in the slice. */
  rows: count,
  /** Bytes of its CSV body, header included. */
  bytes: count,
  /** 64-bit checksum of its CSV body: a changed input is refused on resume. */
  checksum: z.string().check(z.regex(/^[0-9a-f]{16}$/)),
  /** Its jobs, in order (usually one). */
  attempts: z.array(journalAttemptSchema),
});

/**
 * A load journal: what a load is (operation, object, the options that decide how the input is
 * cut into jobs, the input's identity) and, slice by slice, what happened to it. Enough to
 * tell, after any interruption, which rows are in the org, and to finish the load exactly once.
 */
export const loadJournalSchema = z.object({
  /** Marks the file as a load journal. */
  kind: z.literal('kinetic-core/load-journal'),
  /** The journal format's version. */
  version: z.literal(1),
  /** When the load started (ISO). */
  createdAt: z.string(),
  /** When the journal was last written (ISO). */
  updatedAt: z.string(),
  /** The load's operation. */
  operation: z.enum(['insert', 'update', 'upsert', 'delete', 'hardDelete']),
  /** The load's sObject. */
  object: z.string(),
  /** The external id field of an upsert. */
  externalIdField: z.optional(z.string()),
  /** The options that decide the slices: a resume must use the same. */
  slicing: z.object({
    /** The upload's column delimiter. */
    columnDelimiter: z.enum(COLUMN_DELIMITERS),
    /** The upload's line ending. */
    lineEnding: z.enum(LINE_ENDINGS),
    /** Where slices are cut by size. */
    maxBytesPerJob: count,
    /** Where slices are cut by rows. */
    maxRecordsPerJob: count,
    /** The assignment rule of the jobs. */
    assignmentRuleId: z.optional(z.string()),
  }),
  /** The input's identity, when the caller gave one (a file path and size). */
  input: z.optional(
    z.object({
      /** A name for the input, e.g. its file path. */
      name: z.string(),
      /** Its size in bytes, when known. */
      size: z.optional(count),
    }),
  ),
  /** `running` until every slice settled; `complete` then. */
  status: z.enum(['running', 'complete']),
  /** Rows read from the input so far (all of it once the input ended). */
  rowsRead: count,
  /** True once the whole input was read. */
  inputEnded: z.boolean(),
  /** Every slice started so far, in order. */
  slices: z.array(journalSliceSchema),
});

/** A load journal. */
export type LoadJournal = z.output<typeof loadJournalSchema>;

/** One slice of a load journal. */
export type JournalSlice = z.output<typeof journalSliceSchema>;

/** One job of a slice, in a load journal. */
export type JournalAttempt = z.output<typeof journalAttemptSchema>;
