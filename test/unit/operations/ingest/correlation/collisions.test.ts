import { CorrelationIndex } from '../../../../../src/operations/ingest/correlation/correlation-index.js';
import {
  ColumnNameStates,
  columnsHash,
  keyHalves,
  type KeyHash,
  type MatchBy,
} from '../../../../../src/operations/ingest/correlation/row-key.js';
import { missingRows, tieRawRows } from '../../../../../src/operations/ingest/correlation/tie-rows.js';
import { utf8RowKey, type Utf8RowKey } from '../../../../../src/operations/ingest/correlation/utf8-row-key.js';
import { utf8Rows } from '../../../../support/utf8-rows.js';

// A 64-bit row key is a 53-bit lookup slot and an 11-bit check. Real collisions cannot be found by
// search, so these tests hash with a deliberately weak hash: rows that differ get the SAME slot (told
// apart by the check alone) or the same check (told apart by the slot alone). Every result row must
// still be tied to its own input row, and a result row that matches no input row to none. Input rows
// are keyed from strings (as the slicers do) and result rows from bytes (as result files are read).

const COLUMNS = ['LastName', 'Email', 'Amount'];
const ROWS = 60;
const inputRow = (i: number): string[] => [`Name ${i % 7}`, `p${i}@example.com`, String(i * 10)];

/** A weak hash: the n-th distinct real key seen (input rows first) made into a key that collides. */
interface WeakHash {
  /** The weak key of an input row (from strings). */
  readonly input: (names: readonly string[], values: readonly string[], by: MatchBy) => KeyHash | undefined;
  /** The keyer of result rows (from bytes) that gives the same weak keys. */
  readonly keyer: (header: readonly string[], by: MatchBy) => Utf8RowKey;
}

function weakHash(weaken: (n: number) => KeyHash): WeakHash {
  const seen = new Map<string, number>();
  const number = (lo: number, hi: number): number => {
    const id = `${lo}:${hi}`;
    let n = seen.get(id);
    if (n === undefined) {
      n = seen.size;
      seen.set(id, n);
    }
    return n;
  };
  return {
    input: (names, values, by) => {
      const real = columnsHash(names, values, by);
      if (real === undefined) return undefined;
      const [lo, hi] = keyHalves(real);
      return weaken(number(lo, hi));
    },
    keyer: (header, by) => {
      const real = utf8RowKey(header, by);
      return (bytes, starts, ends, at, out) => {
        if (!real(bytes, starts, ends, at, out)) return false;
        const [lo, hi] = keyHalves(weaken(number(out[0] as number, out[1] as number)));
        out[0] = lo;
        out[1] = hi;
        return true;
      };
    },
  };
}

/** Three slots for every row: rows are told apart by the 11-bit check alone. */
const sharedSlots = (): WeakHash => weakHash((n) => [n % 3, n % 2048]);

/** One check for every row, and slots that differ only above bit 32: rows are told apart by the slot alone. */
const sharedCheck = (): WeakHash => weakHash((n) => [n * 4294967296 + 5, 0]);

const weakHashes: readonly (readonly [string, () => WeakHash])[] = [
  ['three slots for every row, told apart by the check', sharedSlots],
  ['one check for every row, told apart by the slot', sharedCheck],
];

describe('correlation under forced hash collisions', () => {
  it.each(weakHashes)('ties every result row to its own input row: %s', (_name, makeHash) => {
    const hash = makeHash();
    const by: MatchBy = { kind: 'fields', names: new ColumnNameStates() };
    const index = new CorrelationIndex(1000);
    for (let i = 0; i < ROWS; i++) index.add(hash.input(COLUMNS, inputRow(i), by));

    // the result file: Salesforce's columns first, the echo in another column order, rows in another order
    const header = ['sf__Id', 'sf__Created', 'Amount', 'Email', 'LastName'];
    const order = Array.from({ length: ROWS }, (_, i) => (i * 37) % ROWS);
    const rows = order.map((i) => {
      const [lastName, email, amount] = inputRow(i);
      // Salesforce echoes a number re-serialised: 10 comes back as 10.0
      return [`001${String(i).padStart(15, '0')}`, 'true', `${amount ?? ''}.0`, email ?? '', lastName ?? ''];
    });
    // one row no input row wrote: it collides with the others' slot (or check) but must match nothing
    rows.splice(ROWS / 2, 0, ['001999999999999999', 'true', '5.0', 'stranger@example.com', 'Name 1']);

    const tied = tieRawRows(header, utf8Rows(rows), rows.length, index, by, hash.keyer);

    const expected: (number | undefined)[] = order.map((i) => 1000 + i);
    expected.splice(ROWS / 2, 0, undefined);
    expect(tied).toEqual(expected);
    expect(index.remaining()).toEqual([]);
  });

  it('a row missing from the results stays with its own index, whatever it collides with', () => {
    const hash = sharedSlots();
    const by: MatchBy = { kind: 'fields' };
    const index = new CorrelationIndex(0);
    for (let i = 0; i < 9; i++) index.add(hash.input(COLUMNS, inputRow(i), by));
    // every row but 4 and 7 comes back; 4, 7 and 1 share a slot (n % 3 === 1)
    const back = [0, 1, 2, 3, 5, 6, 8];
    const header = ['sf__Id', 'sf__Created', ...COLUMNS];
    const rows = utf8Rows(back.map((i) => ['001', 'true', ...inputRow(i)]));
    const tied = tieRawRows(header, rows, rows.count, index, by, hash.keyer);
    expect(tied).toEqual(back);
    const missing = missingRows('750x', index, (i) => ({ LastName: inputRow(i)[0], Email: inputRow(i)[1] }));
    expect(missing.map((m) => [m.inputIndex, m.fields['Email']])).toEqual([
      [4, 'p4@example.com'],
      [7, 'p7@example.com'],
    ]);
  });

  it('duplicates under one colliding slot are handed out first in, first out, per key', () => {
    const index = new CorrelationIndex(0);
    // keys a and b share the slot, c shares a's check
    const a: KeyHash = [42, 1];
    const b: KeyHash = [42, 2];
    const c: KeyHash = [43, 1];
    for (const key of [a, b, a, c, b, a]) index.add(key);
    expect([index.take(b), index.take(a), index.take(c), index.take(a), index.take(b), index.take(a)]).toEqual([
      1, 0, 3, 2, 4, 5,
    ]);
    expect([index.take(a), index.take(b), index.take(c)]).toEqual([undefined, undefined, undefined]);
    expect(index.remaining()).toEqual([]);
  });

  it('rows no result file mentioned are unprocessed, with their input fields as text', () => {
    const index = new CorrelationIndex(0);
    for (let i = 0; i < 3; i++) index.add([i, 0]);
    index.take([1, 0]);
    const input = [
      { Name: 'a', Amount: 12.5, Active: true, Empty: null, Gone: undefined, Nested: { x: 1 }, Tags: ['t'] },
      { Name: 'b' },
    ];
    expect(missingRows('750x', index, (i) => input[i])).toEqual([
      {
        jobId: '750x',
        fields: { Name: 'a', Amount: '12.5', Active: 'true', Empty: '', Gone: '' },
        inputIndex: 0,
        matched: true,
        missingFromResults: true,
      },
      { jobId: '750x', fields: {}, inputIndex: 2, matched: true, missingFromResults: true },
    ]);
  });
});
