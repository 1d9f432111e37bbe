import { columnsHash, keyHalves, statesOf, type MatchBy } from './row-key.js';
import { addUtf8ValueHash, utf8Text } from './utf8-value-hash.js';

/**
 * The key of rows held as UTF-8 bytes (a result file's rows as they arrive): per row, the byte
 * range of each value (unquoted), in the order of `header`. Writes the key's two halves (see
 * `keyHalves`) into `out` and returns true, or returns false for a row without a key. Gives the
 * key `columnsHash` gives for the same row as strings, so rows keyed either way tie.
 */
export type Utf8RowKey = (
  bytes: Uint8Array,
  starts: Uint32Array,
  ends: Uint32Array,
  /** Where the row's first value is in `starts` and `ends`. */
  at: number,
  out: Uint32Array,
) => boolean;

/** The keyer for the rows of a file with these columns. */
export function utf8RowKey(header: readonly string[], by: MatchBy): Utf8RowKey {
  if (by.kind !== 'fields') {
    // one column holds the key: it is decoded (ids and external ids are short) and keyed as text
    const wanted = by.kind === 'id' ? 'id' : by.field.toLowerCase();
    const column = header.findIndex((name) => name.toLowerCase() === wanted);
    const names = column < 0 ? [] : [header[column] as string];
    return (bytes, starts, ends, at, out) => {
      if (column < 0) return false;
      const value = utf8Text(bytes, starts[at + column] as number, ends[at + column] as number);
      const key = columnsHash(names, [value], by);
      if (key === undefined) return false;
      const [lo, hi] = keyHalves(key);
      out[0] = lo;
      out[1] = hi;
      return true;
    };
  }
  const { states, skip } = by.names ? by.names.ofList(header) : statesOf(header);
  const width = header.length;
  const sum = new Int32Array(2);
  return (bytes, starts, ends, at, out) => {
    sum[0] = 0;
    sum[1] = 0;
    for (let i = 0; i < width; i++) {
      const start = starts[at + i] as number;
      const end = ends[at + i] as number;
      // empty and #N/A leave nothing to compare (as in `columnsHash`)
      if (start === end || skip[i] === 1 || isNotAvailable(bytes, start, end)) continue;
      addUtf8ValueHash(sum, states[i * 2] as number, states[i * 2 + 1] as number, bytes, start, end);
    }
    out[0] = (sum[0] as number) >>> 0;
    out[1] = (sum[1] as number) >>> 0;
    return true;
  };
}

/** `#N/A`, Salesforce's way of writing a null in an upload. */
function isNotAvailable(bytes: Uint8Array, start: number, end: number): boolean {
  return (
    end - start === 4 &&
    bytes[start] === 35 &&
    bytes[start + 1] === 78 &&
    bytes[start + 2] === 47 &&
    bytes[start + 3] === 65
  );
}
