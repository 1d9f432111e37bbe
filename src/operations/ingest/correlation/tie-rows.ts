import type { RowOrigin, UnprocessedRecord } from '../../../models/bulk-result.js';
import type { ResultBatch } from '../results/ingest-result-rows.js';
import { columnsHash, rowHash, type MatchBy } from './row-key.js';
import type { CorrelationIndex } from './correlation-index.js';

/**
 * Gives every result row of a batch the index of the input row it came from (by Id, external
 * id or echoed columns, duplicates first in, first out). A result row that matches no input
 * row is kept with `matched: false`, never paired with a guess.
 */
export function tieRows(batch: ResultBatch, index: CorrelationIndex, by: MatchBy): ResultBatch {
  // the rows were parsed just now and are not shared yet: stamping them in place saves a copy per row
  const tie = <T extends RowOrigin & { readonly fields: Readonly<Record<string, string>> }>(row: T): T => {
    const inputIndex = index.take(rowHash(row.fields, by));
    return Object.assign(
      row as { inputIndex?: number; matched?: boolean },
      inputIndex === undefined ? { matched: false } : { inputIndex, matched: true },
    ) as T;
  };
  switch (batch.kind) {
    case 'success':
      return { kind: 'success', rows: batch.rows.map(tie) };
    case 'failed':
      return { kind: 'failed', rows: batch.rows.map(tie) };
    case 'unprocessed':
      return { kind: 'unprocessed', rows: batch.rows.map(tie) };
  }
}

/**
 * The input row of each raw result row (by Id, external id or echoed columns, duplicates first
 * in, first out); undefined for a row that matches no input row (never paired with a guess).
 */
export function tieRawRows(
  header: readonly string[],
  rows: readonly string[][],
  index: CorrelationIndex,
  by: MatchBy,
): (number | undefined)[] {
  const tied = new Array<number | undefined>(rows.length);
  for (let i = 0; i < rows.length; i++) tied[i] = index.take(columnsHash(header, rows[i] as string[], by));
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
