import { CsvPushParser } from '../../../csv/csv-push-parser.js';
import { RawCsvSplitter } from '../../../csv/split-raw-csv.js';
import type { ColumnDelimiter, LineEnding } from '../../../models/job-state.js';
import { CorrelationIndex } from '../correlation/correlation-index.js';
import { rowHash, type MatchBy } from '../correlation/row-key.js';
import { JobBody } from '../slicing/job-body.js';
import type { SlicedJob } from '../slicing/sliced-job.js';

/** A job's worth of input rows: a whole slice, or the rows an earlier job of it left unprocessed. */
export interface SlicePart extends SlicedJob {
  /** The input index of each row of `body`, when they are not consecutive from `start`. */
  readonly inputIndexes?: readonly number[];
}

/**
 * The rows of `part` whose input indexes are in `leftovers`, as a new job body (the same header,
 * the rows exactly as first sent) with its own correlation index. Rows are found by position:
 * a body's n-th record is the n-th row of its part.
 */
export async function leftoverPart(
  part: SlicePart,
  leftovers: readonly number[],
  csv: { readonly columnDelimiter: ColumnDelimiter; readonly lineEnding: LineEnding },
  matchBy: MatchBy,
): Promise<SlicePart> {
  const data = part.body.data;
  const text =
    typeof data === 'string' ? data : data instanceof Uint8Array ? new TextDecoder().decode(data) : await data.text();
  const splitter = new RawCsvSplitter();
  const records = [...splitter.push(text), ...splitter.end()];
  const [header, ...rows] = records;
  const positionOf = new Map<number, number>();
  rows.forEach((_, position) => positionOf.set(part.inputIndexes?.[position] ?? part.start + position, position));
  const chosen = [...leftovers].sort((a, b) => a - b).filter((inputIndex) => positionOf.has(inputIndex));
  const lines = chosen.map((inputIndex) => rows[positionOf.get(inputIndex) ?? -1] ?? '');
  const body = (header ?? '') + lines.join('');
  const index = new CorrelationIndex(chosen[0] ?? part.start, chosen);
  const parser = new CsvPushParser(csv);
  for (const row of [...parser.push(body), ...parser.end()]) index.add(rowHash(row, matchBy));
  return {
    body: new JobBody(new Blob([body], { type: 'text/csv' })),
    recordCount: chosen.length,
    start: part.start,
    index,
    inputIndexes: chosen,
  };
}
