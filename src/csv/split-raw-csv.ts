import { ValidationError } from '../errors/validation-error.js';
import { resolveDelimiter, resolveLineEnding, type CsvFormatOptions } from './delimiters.js';

/** Raw CSV input: text or UTF-8 byte chunks, sync or async. */
export type RawCsvChunks = AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>;

/**
 * Splits raw CSV text into records without parsing fields: `push` returns each complete
 * record exactly as written, line ending included. A record ends at a LF outside quotes, so a
 * quoted field may hold line breaks. Quote state is tracked by toggling on `"`, which is exact
 * for well-formed CSV (a doubled `""` toggles twice). Blank lines are dropped, and a UTF-8 BOM
 * at the start is removed.
 */
export class RawCsvSplitter {
  private buffer = '';
  private scanned = 0;
  private quoted = false;
  private started = false;

  /** Adds text; returns the records it completed. */
  push(text: string): string[] {
    let input = text;
    if (!this.started && input !== '') {
      this.started = true;
      if (input.charCodeAt(0) === 0xfeff) input = input.slice(1);
    }
    this.buffer += input;
    const buffer = this.buffer;
    const records: string[] = [];
    let start = 0;
    let position = this.scanned;
    let quoted = this.quoted;
    let nextQuote = buffer.indexOf('"', position);
    for (;;) {
      if (quoted) {
        if (nextQuote < 0) {
          position = buffer.length;
          break;
        }
        quoted = false;
        position = nextQuote + 1;
        nextQuote = buffer.indexOf('"', position);
        continue;
      }
      const lf = buffer.indexOf('\n', position);
      if (nextQuote >= 0 && (lf < 0 || nextQuote < lf)) {
        quoted = true;
        position = nextQuote + 1;
        nextQuote = buffer.indexOf('"', position);
        continue;
      }
      if (lf < 0) {
        position = buffer.length;
        break;
      }
      const record = buffer.slice(start, lf + 1);
      if (!isBlank(record)) records.push(record);
      start = lf + 1;
      position = start;
    }
    this.buffer = buffer.slice(start);
    this.scanned = position - start;
    this.quoted = quoted;
    return records;
  }

  /** Ends the input; returns the last record if it had no line ending. */
  end(): string[] {
    if (this.quoted) {
      const message = 'The CSV input ends inside a quoted field (unterminated quote)';
      throw new ValidationError(message, [{ message }]);
    }
    const last = this.buffer;
    this.buffer = '';
    this.scanned = 0;
    return last === '' || isBlank(last) ? [] : [last];
  }
}

/**
 * Splits raw CSV input (a string source or a byte stream of a load given as CSV) into its
 * records, yielding first the header line, then every record, each exactly as in the input
 * including its line ending (the last one may lack it). Never cuts inside a quoted field.
 * `options` are only validated: a record ends at a LF whatever the line ending (CRLF ends
 * with one too), and the delimiter does not affect where a record ends.
 *
 * @throws ValidationError when the input ends inside a quoted field
 */
export async function* splitCsvRecords(
  chunks: RawCsvChunks,
  options: CsvFormatOptions = {},
): AsyncGenerator<string, void, undefined> {
  resolveDelimiter(options.columnDelimiter);
  resolveLineEnding(options.lineEnding);
  const splitter = new RawCsvSplitter();
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of chunks) {
    const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    yield* splitter.push(text);
  }
  yield* splitter.push(decoder.decode());
  yield* splitter.end();
}

function isBlank(record: string): boolean {
  return record === '\n' || record === '\r\n' || record === '\r';
}
