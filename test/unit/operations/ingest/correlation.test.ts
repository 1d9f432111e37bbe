import fc from 'fast-check';
import { BulkJob } from '../../../../src/models/bulk-job.js';
import { CorrelationIndex } from '../../../../src/operations/ingest/correlation/correlation-index.js';
import { rowHash, type KeyHash } from '../../../../src/operations/ingest/correlation/row-key.js';
import { canonicalValue } from '../../../../src/operations/ingest/correlation/value-hash.js';

const k = (text: string): KeyHash => rowHash({ Id: text }, { kind: 'externalId', field: 'Id' }) as KeyHash;

describe('row keys', () => {
  it('compares echoed values by value: numbers, dates, booleans', () => {
    expect(canonicalValue('912260031')).toBe(canonicalValue('9.12260031E8'));
    expect(canonicalValue('1000')).toBe(canonicalValue('1000.0'));
    expect(canonicalValue('2024-01-31T00:00:00.000Z')).toBe(canonicalValue('2024-01-31'));
    expect(canonicalValue('TRUE')).toBe(canonicalValue('true'));
    expect(canonicalValue('Acme')).not.toBe(canonicalValue('acme'));
  });

  it('keys by Id (15 and 18 character forms agree), by external id, or by all non-empty columns', () => {
    expect(rowHash({ Id: '001xx000003DGb2AAG' }, { kind: 'id' })).toEqual(
      rowHash({ Id: '001xx000003DGb2' }, { kind: 'id' }),
    );
    expect(rowHash({ Ext__c: 'A1', Name: 'x' }, { kind: 'externalId', field: 'ext__c' })).toEqual(
      rowHash({ Ext__c: 'A1' }, { kind: 'externalId', field: 'Ext__c' }),
    );
    expect(rowHash({ Name: 'x' }, { kind: 'id' })).toBeUndefined();
    // a column written empty (absent from this record) and echoed empty does not change the key
    expect(rowHash({ Name: 'a', Industry: '' }, { kind: 'fields' })).toEqual(
      rowHash({ Name: 'a' }, { kind: 'fields' }),
    );
    expect(rowHash({ Name: 'a', Industry: 'x' }, { kind: 'fields' })).not.toEqual(
      rowHash({ Name: 'a' }, { kind: 'fields' }),
    );
    // the echo's column order does not matter, and numbers compare by value
    expect(rowHash({ A: '1000', B: 'x' }, { kind: 'fields' })).toEqual(
      rowHash({ B: 'x', A: '1000.0' }, { kind: 'fields' }),
    );
    expect(rowHash({ A: 'x', B: 'y' }, { kind: 'fields' })).not.toEqual(
      rowHash({ A: 'y', B: 'x' }, { kind: 'fields' }),
    );
  });

  it('hashes are stable and spread (no collision over many distinct keys)', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 50_000; i++) seen.add(String(rowHash({ Name: `Row ${i}`, Industry: 'x' }, { kind: 'fields' })));
    expect(seen.size).toBe(50_000);
    expect(rowHash({ Name: 'abc' }, { kind: 'fields' })).toEqual(rowHash({ name: 'abc' }, { kind: 'fields' }));
  });
});

describe('CorrelationIndex', () => {
  it('hands out duplicates first in, first out, offset by the job start', () => {
    const index = new CorrelationIndex(100);
    for (const key of ['a', 'b', 'a', 'c', 'a']) index.add(k(key));
    expect([index.take(k('a')), index.take(k('a')), index.take(k('c')), index.take(k('a'))]).toEqual([
      100, 102, 103, 104,
    ]);
    expect(index.take(k('a'))).toBeUndefined(); // no fourth "a": never guessed
    expect(index.take(k('zzz'))).toBeUndefined();
    expect(index.remaining()).toEqual([101]);
  });

  it('reports rows that could not be keyed as remaining', () => {
    const index = new CorrelationIndex(0);
    index.add(undefined);
    index.add(k('k'));
    expect(index.remaining()).toEqual([0, 1]);
  });

  it('matches every row of any permutation exactly once', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 6 }), { minLength: 1, maxLength: 60 }), fc.nat(), (keys, seed) => {
        const index = new CorrelationIndex(0);
        keys.forEach((key) => index.add(k(`x${key}`)));
        const order = keys.map((key, i) => ({ key, i, r: (i * 7919 + seed) % 1000 })).sort((a, b) => a.r - b.r);
        const taken = order.map(({ key }) => index.take(k(`x${key}`)));
        expect(new Set(taken).size).toBe(keys.length);
        taken.forEach((position, n) => expect(keys[position as number]).toBe(order[n]!.key));
        expect(index.remaining()).toEqual([]);
      }),
      { numRuns: 100 },
    );
  });
});

describe('BulkJob merging', () => {
  it('keeps known counters when a short PATCH answer (no counters) is merged in', () => {
    const running = new BulkJob({
      id: '750000000000001AAA',
      operation: 'insert',
      object: 'Account',
      state: 'InProgress',
      numberRecordsProcessed: 40,
      numberRecordsFailed: 2,
    });
    const aborted = new BulkJob({ id: '750000000000001AAA', operation: 'insert', object: 'Account', state: 'Aborted' });
    const merged = running.with(aborted.toInfo());
    expect(merged.state).toBe('Aborted');
    expect([merged.numberRecordsProcessed, merged.numberRecordsFailed]).toEqual([40, 2]);
  });
});
