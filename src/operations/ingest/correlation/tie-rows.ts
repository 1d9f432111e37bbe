import type { UnprocessedRecord } from '../../../models/bulk-result.js';
import { columnsHash, type KeyHash, type MatchBy } from './row-key.js';
import type { CorrelationIndex } from './correlation-index.js';

/** The key of a row from its column names and values: `columnsHash`, or a test's weaker hash. */
export type ColumnsHash = (names: readonly string[], values: readonly string[], by: MatchBy) => KeyHash | undefined;

/**
 * The input row of each raw result row (by Id, external id or echoed columns, duplicates first
 * in, first out); undefined for a row that matches no input row (never paired with a guess).
 * `hash` must be the one the job's index was built with (tests pass one that collides on purpose).
 */
export function tieRawRows(
  header: readonly string[],
  rows: readonly string[][],
  index: CorrelationIndex,
  by: MatchBy,
  hash: ColumnsHash = columnsHash,
): (number | undefined)[] {
  const tied = new Array<number | undefined>(rows.length);
  for (let i = 0; i < rows.length; i++) tied[i] = index.take(hash(header, rows[i] as string[], by));
  return tied;
}

/**
 * The input rows of a job that no result file mentioned (Salesforce keeps no results for some
 * rows, e.g. batches over the daily allocation): they count as unprocessed, with their fields
 * when the input was an array, so every input row is accounted for exactly once.
 */
export function missingRows(
  jobId: string,
  index: CorrelationIndex,
  original: (inputIndex: number) => Readonly<Record<string, unknown>> | undefined,
): UnprocessedRecord[] {
  return index.remaining().map((inputIndex) => ({
    jobId,
    fields: stringFields(original(inputIndex)),
    inputIndex,
    matched: true,
    missingFromResults: true,
  }));
}

function stringFields(record: Readonly<Record<string, unknown>> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(record ?? {}))
    if (value === null || typeof value !== 'object')
      out[key] = value === null || value === undefined ? '' : String(value);
  return out;
}
