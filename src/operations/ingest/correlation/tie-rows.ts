import type { Utf8CsvRows } from '../../../csv/utf8-csv-rows.js';
import type { UnprocessedRecord } from '../../../models/bulk-result.js';
import type { MatchBy } from './row-key.js';
import type { CorrelationIndex } from './correlation-index.js';
import { utf8RowKey, type Utf8RowKey } from './utf8-row-key.js';

/**
 * The input row of each of the first `count` raw result rows (by Id, external id or echoed
 * columns, duplicates first in, first out); undefined for a row that matches no input row
 * (never paired with a guess). Rows are keyed from their bytes. `keyer` must give the keys the
 * job's index was built with (tests pass one that collides on purpose).
 */
export function tieRawRows(
  header: readonly string[],
  rows: Utf8CsvRows,
  count: number,
  index: CorrelationIndex,
  by: MatchBy,
  keyer: (header: readonly string[], by: MatchBy) => Utf8RowKey = utf8RowKey,
): (number | undefined)[] {
  const key = keyer(header, by);
  const out = new Uint32Array(2);
  const tied = new Array<number | undefined>(count);
  const { bytes, starts, ends, width } = rows;
  for (let i = 0; i < count; i++)
    tied[i] = key(bytes, starts, ends, i * width, out) ? index.takeKey(out[0] as number, out[1] as number) : undefined;
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
