import { caseSafeSuffix, normalizeSfId, SfIdGenerator } from '../../../src/testing/core/sf-id';
import { formatJavaDouble } from '../../../src/testing/core/java-double';
import { formatJobTimestamp, parseSfDate, parseSfDateTime } from '../../../src/testing/core/sf-date';
import { createPrng } from '../../../src/testing/core/prng';
import { decodeLocator, encodeLocator } from '../../../src/testing/query/query-csv';

describe('Salesforce ids', () => {
  it('computes the case-safe suffix', () => {
    expect(caseSafeSuffix('001000000000000')).toBe('AAA');
    expect(caseSafeSuffix('0015000000Gv7qJ')).toBe('AAR');
    expect(caseSafeSuffix('ABCDEABCDEABCDE')).toBe('555');
    expect(caseSafeSuffix('a0Bxx00000Zz9Yq')).toBe('EAJ');
  });

  it('normalizes 15-character ids and validates 18-character ones', () => {
    expect(normalizeSfId('0015000000Gv7qJ')).toBe('0015000000Gv7qJAAR');
    expect(normalizeSfId('0015000000Gv7qJaar')).toBe('0015000000Gv7qJAAR');
    expect(normalizeSfId('0015000000Gv7qJAAA')).toBeUndefined();
    expect(normalizeSfId('001-not-an-id!!')).toBeUndefined();
    expect(normalizeSfId('001')).toBeUndefined();
  });

  it('generates unique 18-character ids with valid suffixes per prefix', () => {
    const ids = new SfIdGenerator();
    const made = Array.from({ length: 500 }, () => ids.next('003'));
    expect(new Set(made).size).toBe(500);
    for (const id of made) {
      expect(id).toMatch(/^003[a-zA-Z0-9]{15}$/);
      expect(normalizeSfId(id)).toBe(id);
    }
  });
});

describe('Java double formatting', () => {
  it.each([
    [912260031, '9.12260031E8'],
    [100, '100.0'],
    [0, '0.0'],
    [1.5, '1.5'],
    [-2.25, '-2.25'],
    [1e7, '1.0E7'],
    [9999999, '9999999.0'],
    [0.001, '0.001'],
    [0.0001, '1.0E-4'],
    [1.23e-7, '1.23E-7'],
  ])('%p -> %s', (value, expected) => {
    expect(formatJavaDouble(value)).toBe(expected);
  });
});

describe('date handling', () => {
  it('formats job timestamps with +0000', () => {
    expect(formatJobTimestamp(Date.UTC(2022, 0, 2, 21, 33, 43))).toBe('2022-01-02T21:33:43.000+0000');
  });

  it('parses dates strictly', () => {
    expect(parseSfDate('2024-02-29')).toBe('2024-02-29');
    expect(parseSfDate('1940-06-07Z')).toBe('1940-06-07');
    expect(parseSfDate('2023-02-29')).toBeUndefined();
    expect(parseSfDate('07/06/1940')).toBeUndefined();
  });

  it('converts datetime offsets to UTC', () => {
    expect(parseSfDateTime('2002-10-10T12:00:00+05:00')).toBe('2002-10-10T07:00:00.000Z');
    expect(parseSfDateTime('2002-10-10T12:00:00.5-0130')).toBe('2002-10-10T13:30:00.500Z');
    expect(parseSfDateTime('2002-10-10T12:00:00Z')).toBe('2002-10-10T12:00:00.000Z');
    expect(parseSfDateTime('2002-10-10')).toBe('2002-10-10T00:00:00.000Z');
    expect(parseSfDateTime('2002-10-10T25:00:00Z')).toBeUndefined();
  });
});

describe('query locators and the PRNG', () => {
  it('encodes locators as unpadded base64 offsets, as the docs show', () => {
    expect(encodeLocator(10000)).toBe('MTAwMDA');
    expect(encodeLocator(200000)).toBe('MjAwMDAw');
    expect(decodeLocator('MTAwMDA')).toBe(10000);
    expect(decodeLocator('garbage!')).toBeUndefined();
  });

  it('repeats its sequence for a seed', () => {
    const a = createPrng(99);
    const b = createPrng(99);
    const seqA = Array.from({ length: 5 }, a);
    expect(Array.from({ length: 5 }, b)).toEqual(seqA);
    expect(seqA.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(new Set(seqA).size).toBe(5);
  });
});
