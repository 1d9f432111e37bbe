import { RowStore, type RowSegment } from '../../../../../src/operations/ingest/results/row-store.js';

describe('RowStore', () => {
  const job1: RowSegment = { jobId: 'A', header: ['sf__Id', 'Name'], correlated: true, missingFromResults: false };
  const job2: RowSegment = { jobId: 'B', header: ['Name'], correlated: false, missingFromResults: false };

  it('gives every row back with its values, segment and input index, in order', () => {
    const store = new RowStore();
    store.add(job1, ['001', 'Acme, "Ltd"\nsecond line ✓'], 4);
    store.add(job1, ['002', ''], undefined);
    store.add(job2, ['ünïcödé'], 9);
    expect(store.size).toBe(3);
    expect(store.get(0)).toEqual({ segment: job1, values: ['001', 'Acme, "Ltd"\nsecond line ✓'], inputIndex: 4 });
    expect(store.get(1)).toEqual({ segment: job1, values: ['002', ''], inputIndex: undefined });
    expect(store.get(2)).toEqual({ segment: job2, values: ['ünïcödé'], inputIndex: 9 });
  });

  it('keeps many rows across chunks, and a row larger than a chunk', () => {
    const store = new RowStore();
    const big = 'x'.repeat(3 * 1024 * 1024);
    for (let i = 0; i < 50_000; i++) store.add(i < 25_000 ? job1 : job2, [`id${i}`, `name ${i} ✓`], i);
    store.add(job2, [big], 50_000);
    expect(store.size).toBe(50_001);
    expect(store.get(0).values).toEqual(['id0', 'name 0 ✓']);
    expect(store.get(24_999).segment).toBe(job1);
    expect(store.get(25_000)).toEqual({ segment: job2, values: ['id25000', 'name 25000 ✓'], inputIndex: 25_000 });
    expect(store.get(49_999).values).toEqual(['id49999', 'name 49999 ✓']);
    expect(store.get(50_000).values[0]).toHaveLength(big.length);
  });
});
