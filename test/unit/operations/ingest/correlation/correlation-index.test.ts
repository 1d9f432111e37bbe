import { CorrelationIndex } from '../../../../../src/operations/ingest/correlation/correlation-index.js';
import type { KeyHash } from '../../../../../src/operations/ingest/correlation/row-key.js';

const key = (slot: number, check = 0): KeyHash => [slot, check];

describe('CorrelationIndex', () => {
  it('ties each key to its row, equal keys first in first out, and reports what was never taken', () => {
    const index = new CorrelationIndex(100);
    index.add(key(7));
    index.add(key(7, 1)); // same slot, another check: another key
    index.add(key(7));
    index.add(undefined); // a row that can never match
    index.add(key(0, 0)); // an all-zero key is a key
    expect(index.take(key(7))).toBe(100);
    expect(index.take(key(7))).toBe(102);
    expect(index.take(key(7))).toBeUndefined();
    expect(index.take(key(7, 1))).toBe(101);
    expect(index.take(key(0, 0))).toBe(104);
    expect(index.take(key(8))).toBeUndefined();
    expect(index.take(undefined)).toBeUndefined();
    expect(index.remaining()).toEqual([103]);
    expect(index.size).toBe(5);
  });

  it('keeps every row across growth, with 53-bit slots and 11-bit checks', () => {
    const index = new CorrelationIndex(0);
    // 5,000 rows: the table grows from 1,024 cells to 8,192, the rows from 1,024 to 8,192
    const rows = 5000;
    const slotOf = (i: number) => (i * 2654435761 * 1021) % 2 ** 53;
    for (let i = 0; i < rows; i++) index.add(key(slotOf(i), i % 2048));
    const taken: (number | undefined)[] = [];
    for (let i = rows - 1; i >= 0; i--) taken.push(index.take(key(slotOf(i), i % 2048)));
    expect(taken).toEqual(Array.from({ length: rows }, (_, i) => rows - 1 - i));
    expect(index.remaining()).toEqual([]);
    // a key added again after its rows were taken still works
    index.add(key(slotOf(3), 3));
    expect(index.take(key(slotOf(3), 3))).toBe(rows);
  });

  it('names chosen input rows when the job holds a retry of some rows', () => {
    const index = new CorrelationIndex(0, [5, 9, 12]);
    index.add(key(1));
    index.add(key(2));
    index.add(key(3));
    expect(index.take(key(2))).toBe(9);
    expect(index.remaining()).toEqual([5, 12]);
  });

  it('past its first 1,024 rows, still reports every row never taken', () => {
    const index = new CorrelationIndex(0);
    for (let i = 0; i < 3000; i++) index.add(key(i + 1, 1));
    for (let i = 0; i < 3000; i += 2) index.take(key(i + 1, 1));
    expect(index.remaining()).toEqual(Array.from({ length: 1500 }, (_, k) => 2 * k + 1));
  });

  it('past its first 1,024 rows, hands out duplicates first in, first out', () => {
    const index = new CorrelationIndex(0);
    for (let i = 0; i < 3000; i++) index.add(key(7, i % 3));
    const taken: (number | undefined)[] = [];
    for (let i = 0; i < 1000; i++) taken.push(index.take(key(7, 2)));
    expect(taken).toEqual(Array.from({ length: 1000 }, (_, k) => 3 * k + 2));
    expect(index.take(key(7, 2))).toBeUndefined();
    expect(index.remaining().length).toBe(2000);
  });

  it('a key taken to its last row can be added again', () => {
    const index = new CorrelationIndex(0);
    index.add(key(5));
    index.add(key(6));
    expect(index.take(key(5))).toBe(0);
    index.add(key(5));
    expect(index.take(key(5))).toBe(2);
    expect(index.take(key(6))).toBe(1);
    expect(index.remaining()).toEqual([]);
  });

  it('keys that land in the same cell are told apart (the table probes on)', () => {
    const index = new CorrelationIndex(0);
    // the same low bits and no high bits: one cell of a 1,024-cell table for all of them
    const keys = [0, 1024, 2048, 4096, 1024 * 7].map((lo): [number, number] => [lo, 0]);
    for (const [lo, hi] of keys) index.addKey(lo, hi);
    expect([...keys].reverse().map(([lo, hi]) => index.takeKey(lo, hi))).toEqual([4, 3, 2, 1, 0]);
    expect(index.takeKey(0, 0)).toBeUndefined();
    expect(index.remaining()).toEqual([]);
  });

  it('a key still held by a row stays tied after another row with it is taken and one more added', () => {
    const index = new CorrelationIndex(10);
    index.addKey(5, 5);
    index.addKey(5, 5);
    expect(index.takeKey(5, 5)).toBe(10);
    index.addKey(5, 5);
    expect([index.takeKey(5, 5), index.takeKey(5, 5), index.takeKey(5, 5)]).toEqual([11, 12, undefined]);
  });

  it('remaining rows come in input order', () => {
    const index = new CorrelationIndex(10, [40, 30, 20, 35]);
    for (const slot of [1, 2, 3, 4]) index.add(key(slot));
    expect(index.remaining()).toEqual([20, 30, 35, 40]);
  });
});
