import { CsvPushParser, type CsvParseOptions, type CsvRow } from './csv-push-parser.js';

/** Byte (or already decoded text) chunks of one CSV page, sync or async. */
export type CsvChunks = AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>;

/**
 * Parses one result page as its bytes arrive, yielding the rows completed by each chunk
 * (empty batches are skipped). UTF-8 characters and quoted fields may be split anywhere
 * across chunks. Only the unfinished last row is buffered, so memory stays flat however
 * large the page is. Breaking out of the loop stops reading the source.
 *
 * @example
 * for await (const rows of parseCsvStream(response.body, { lineEnding: 'LF' })) {
 *   for (const row of rows) console.log(row.Id);
 * }
 *
 * @throws ResponseValidationError as `CsvPushParser` does (row with the wrong field count,
 *   unterminated quote at the end of the page, ...)
 */
export async function* parseCsvStream(
  chunks: CsvChunks,
  options: CsvParseOptions = {},
): AsyncGenerator<CsvRow[], void, undefined> {
  const parser = new CsvPushParser(options);
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of chunks) {
    const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    const rows = parser.push(text);
    if (rows.length > 0) yield rows;
  }
  const rows = parser.push(decoder.decode());
  const last = parser.end();
  for (const row of last) rows.push(row);
  if (rows.length > 0) yield rows;
}
