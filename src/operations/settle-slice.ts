import type { FailedRecord, SuccessRecord, UnprocessedRecord } from '../models/bulk-result.js';
import type { IngestJobOutcome } from './ingest-job.js';
import { rowKey, type MatchBy } from './row-key.js';
import type { JobSlicer, SlicedJob } from './sliced-job.js';

/** One job's rows, tied back to the input. */
export interface SettledSlice {
  readonly success: SuccessRecord[];
  readonly failed: FailedRecord[];
  readonly unprocessed: UnprocessedRecord[];
}

/**
 * Gives every result row of a job the index of the input row it came from (by Id, external id
 * or echoed columns, duplicates first in, first out). A result row that matches no input row is
 * kept with `matched: false`, never paired with a guess; an input row missing from every result
 * file is added to `unprocessed` (with its fields when the input was an array), so every input
 * row is accounted for exactly once.
 */
export function settleSlice(outcome: IngestJobOutcome, slice: SlicedJob, by: MatchBy, slicer: JobSlicer): SettledSlice {
  const tie = <T extends { readonly fields: Readonly<Record<string, string>> }>(row: T): T => {
    const inputIndex = slice.index.take(rowKey(row.fields, by));
    return inputIndex === undefined ? { ...row, matched: false } : { ...row, inputIndex, matched: true };
  };
  const success = outcome.successRecords.map(tie);
  const failed = outcome.failedRecords.map(tie);
  const unprocessed = outcome.unprocessedRecords.map(tie);
  for (const inputIndex of slice.index.remaining()) {
    // Salesforce keeps no results for some rows (e.g. batches over the daily allocation)
    unprocessed.push({ jobId: outcome.job.id, fields: stringFields(slicer.original(inputIndex)), inputIndex, matched: true, missingFromResults: true });
  }
  return { success, failed, unprocessed };
}

function stringFields(record: Readonly<Record<string, unknown>> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(record ?? {})) if (value === null || typeof value !== 'object') out[key] = value === null || value === undefined ? '' : String(value);
  return out;
}
