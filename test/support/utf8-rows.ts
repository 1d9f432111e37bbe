import type { Utf8CsvRows } from '../../src/csv/utf8-csv-rows.js';

/** Rows of values as a result file's scanned rows (UTF-8, each value followed by NUL but the last of a row). */
export function utf8Rows(rows: readonly (readonly string[])[]): Utf8CsvRows {
  const width = rows[0]?.length ?? 0;
  const encoder = new TextEncoder();
  const parts: Uint8Array[] = [];
  const starts = new Uint32Array(rows.length * width);
  const ends = new Uint32Array(rows.length * width);
  let used = 0;
  rows.forEach((row, r) => {
    if (row.length !== width) throw new Error('utf8Rows: every row needs the same number of values');
    row.forEach((value, c) => {
      if (c > 0) {
        parts.push(new Uint8Array([0]));
        used += 1;
      }
      const bytes = encoder.encode(value);
      starts[r * width + c] = used;
      parts.push(bytes);
      used += bytes.length;
      ends[r * width + c] = used;
    });
  });
  const bytes = new Uint8Array(used);
  let at = 0;
  for (const part of parts) {
    bytes.set(part, at);
    at += part.length;
  }
  return { count: rows.length, width, bytes, starts, ends };
}
