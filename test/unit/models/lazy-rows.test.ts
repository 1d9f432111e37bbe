import { lazyRows } from '../../../src/models/lazy-rows.js';

describe('lazyRows', () => {
  const made: number[] = [];
  const rows = lazyRows(3, (i) => {
    made.push(i);
    return { n: i * 10 };
  });

  it('reads like an array, making each element on access', () => {
    made.length = 0;
    expect(rows.length).toBe(3);
    expect(made).toEqual([]);
    expect(rows[1]).toEqual({ n: 10 });
    expect(made).toEqual([1]);
    expect(rows[3]).toBeUndefined();
    expect(rows['-1' as unknown as number]).toBeUndefined();
    expect(Array.isArray(rows)).toBe(true);
    expect([...rows]).toEqual([{ n: 0 }, { n: 10 }, { n: 20 }]);
    expect(rows.map((r) => r.n)).toEqual([0, 10, 20]);
    expect(rows.filter((r) => r.n > 0)).toHaveLength(2);
    expect(rows.slice(1)).toEqual([{ n: 10 }, { n: 20 }]);
    expect(JSON.stringify(rows)).toBe('[{"n":0},{"n":10},{"n":20}]');
    expect(Object.keys(rows)).toEqual(['0', '1', '2']);
    expect(1 in rows).toBe(true);
    expect(3 in rows).toBe(false);
    let seen = 0;
    for (const row of rows) seen += row.n;
    expect(seen).toBe(30);
  });

  it('cannot be written to', () => {
    const writable = rows as unknown as { n: number }[];
    expect(() => {
      'use strict';
      writable[0] = { n: 1 };
    }).toThrow(TypeError);
    expect(() => writable.push({ n: 1 })).toThrow(TypeError);
    expect(rows.length).toBe(3);
  });

  it('an empty list has no element', () => {
    const none = lazyRows(0, () => {
      throw new Error('never made');
    });
    expect(none).toHaveLength(0);
    expect([...none]).toEqual([]);
  });
});
