const UTF8 = new TextDecoder();

/**
 * Rows of a CSV file as UTF-8 bytes, unquoted: row `r`'s values are `bytes[starts[r * width + c]
 * .. ends[r * width + c])`, one after another, each followed by a NUL byte but the last (so a
 * row's values are also the one range from its first start to its last end, NUL-separated).
 */
export interface Utf8CsvRows {
  readonly count: number;
  /** Values per row: the header's length. */
  readonly width: number;
  readonly bytes: Uint8Array;
  readonly starts: Uint32Array;
  readonly ends: Uint32Array;
}

/** Row `row` of `rows` as strings. */
export function utf8RowValues(rows: Utf8CsvRows, row: number): string[] {
  const at = row * rows.width;
  const values: string[] = [];
  for (let c = 0; c < rows.width; c++)
    values.push(UTF8.decode(rows.bytes.subarray(rows.starts[at + c], rows.ends[at + c])));
  return values;
}
