import { CsvPushParser, type CsvParseOptions, type CsvRow } from './csv-push-parser.js';

/** A whole parsed CSV text. */
export interface ParsedCsv {
  /** The header; empty for an empty body. */
  readonly columns: string[];
  readonly rows: CsvRow[];
}

/**
 * Parses a complete CSV text (a result page held in memory). The first row is the header;
 * an empty body and a header-only body both give zero rows. A UTF-8 BOM and NUL characters
 * are dropped, and a trailing line ending does not make an empty row.
 *
 * @example
 * parseCsv('"sf__Id","sf__Created","Name"\n"001","true","Acme"\n');
 * // { columns: ['sf__Id', 'sf__Created', 'Name'], rows: [{ sf__Id: '001', sf__Created: 'true', Name: 'Acme' }] }
 *
 * @throws ResponseValidationError for a row whose field count differs from the header (its
 *   1-based number after the header is in the message and in `issues[0].path`), an
 *   unterminated or malformed quoted field, or a duplicate header name
 */
export function parseCsv(text: string, options: CsvParseOptions = {}): ParsedCsv {
  const parser = new CsvPushParser(options);
  const rows = parser.push(text);
  for (const row of parser.end()) rows.push(row);
  return { columns: [...(parser.columns ?? [])], rows };
}
