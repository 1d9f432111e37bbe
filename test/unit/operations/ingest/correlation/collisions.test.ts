import { CorrelationIndex } from '../../../../../src/operations/ingest/correlation/correlation-index.js';
import {
  ColumnNameStates,
  columnsHash,
  type KeyHash,
  type MatchBy,
} from '../../../../../src/operations/ingest/correlation/row-key.js';
import {
  missingRows,
  tieRawRows,
  type ColumnsHash,
} from '../../../../../src/operations/ingest/correlation/tie-rows.js';

// A 64-bit row key is a 53-bit lookup slot and an 11-bit check. Real collisions cannot be found by
// search, so these tests hash with a deliberately weak hash: rows that differ get the SAME slot (told
// apart by the check alone) or the same check (told apart by the slot alone). Every result row must
// still be tied to its own input row, and a result row that matches no input row to none.

const COLUMNS = ['LastName', 'Email', 'Amount'];
const ROWS = 60;
const inputRow = (i: number): string[] => [`Name ${i % 7}`, `p${i}@example.com`, String(i * 10)];

/** Numbers each distinct real key in order of first sight (input rows first), so a weak hash can be made of it. */
function registry(): (names: readonly string[], values: readonly string[], by: MatchBy) => number | undefined {
  const seen = new Map<string, number>();
  return (names, values, by) => {
    const real = columnsHash(names, values, by);
    if (real === undefined) return undefined;
    const id = `${real[0]}:${real[1]}`;
    let n = seen.get(id);
    if (n === undefined) {
      n = seen.size;
      seen.set(id, n);
    }
    return n;
  };
}

/** Three slots for every row: rows are told apart by the 11-bit check alone. */
function sharedSlots(): ColumnsHash {
  const number = registry();
  return (names, values, by) => {
    const n = number(names, values, by);
    return n === undefined ? undefined : ([n % 3, n % 2048] satisfies KeyHash);
  };
}

/** One check for every row, and slots that differ only above bit 32: rows are told apart by the slot alone. */
function sharedCheck(): ColumnsHash {
  const number = registry();
  return (names, values, by) => {
    const n = number(names, values, by);
    return n === undefined ? undefined : ([n * 4294967296 + 5, 0] satisfies KeyHash);
  };
}

const weakHashes: readonly (readonly [string, () => ColumnsHash])[] = [
  ['three slots for every row, told apart by the check', sharedSlots],
  ['one check for every row, told apart by the slot', sharedCheck],
];

describe('correlation under forced hash collisions', () => {
  it.each(weakHashes)('ties every result row to its own input row: %s', (_name, makeHash) => {
    const hash = makeHash();
    const by: MatchBy = { kind: 'fields', names: new ColumnNameStates() };
    const index = new CorrelationIndex(1000);
    for (let i = 0; i < ROWS; i++) index.add(hash(COLUMNS, inputRow(i), by));

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

    const tied = tieRawRows(header, rows, index, by, hash);

    const expected: (number | undefined)[] = order.map((i) => 1000 + i);
    expected.splice(ROWS / 2, 0, undefined);
    expect(tied).toEqual(expected);
    expect(index.remaining()).toEqual([]);
  });

  it('a row missing from the results stays with its own index, whatever it collides with', () => {
    const hash = sharedSlots();
    const by: MatchBy = { kind: 'fields' };
    const index = new CorrelationIndex(0);
    for (let i = 0; i < 9; i++) index.add(hash(COLUMNS, inputRow(i), by));
    // every row but 4 and 7 comes back; 4, 7 and 1 share a slot (n % 3 === 1)
    const back = [0, 1, 2, 3, 5, 6, 8];
    const header = ['sf__Id', 'sf__Created', ...COLUMNS];
    const tied = tieRawRows(
      header,
      back.map((i) => ['001', 'true', ...inputRow(i)]),
      index,
      by,
      hash,
    );
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
