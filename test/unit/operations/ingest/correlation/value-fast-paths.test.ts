import fc from 'fast-check';
import {
  booleanBytes,
  numberOrDateBytes,
  printedNumberBytes,
} from '../../../../../src/operations/ingest/correlation/utf8-value-hash.js';
import { printedAsNumber } from '../../../../../src/operations/ingest/correlation/value-hash.js';

// The fast paths of value hashing skip canonicalValue for values it would not change, or whose
// canonical form is known. A fast path that answers "no" too often only costs time; one that
// answers "yes" wrongly would key a value differently on the two sides of a load. These state both.

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

const PRINTED = [
  '0',
  '9',
  '7',
  '42',
  '-9',
  '-0.5',
  '0.25',
  '12.5',
  '100',
  '123456789012345',
  '-123456789012345',
  '99.9',
];
const NOT_PRINTED = [
  '',
  '-',
  '-0',
  '00',
  '05',
  '1.',
  '.5',
  '1.50',
  '1.0',
  '+1',
  '1e5',
  '1E5',
  '/',
  ':',
  '1/',
  '1:',
  '9:',
  '1.5/',
  '1.5:',
  '1.a',
  '1..2',
  '1234567890123456',
  '0.1234567890123456',
  'a1',
  '1a',
  ' 1',
];

describe('printedAsNumber', () => {
  it.each(PRINTED)('%s is printed as Number prints it', (value) => {
    expect(printedAsNumber(value)).toBe(true);
    expect(String(Number(value))).toBe(value);
  });

  it.each(NOT_PRINTED)('%j is not', (value) => {
    expect(printedAsNumber(value)).toBe(false);
  });

  it('never says yes to a text Number would print otherwise', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^-?[0-9]{0,17}(\.[0-9]{0,17})?$/), (value) => {
        if (printedAsNumber(value)) expect(String(Number(value))).toBe(value);
      }),
      { numRuns: 2000 },
    );
  });

  it('says yes to every integer and short decimal as Number prints it', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e15 + 1, max: 1e15 - 1 }), fc.integer({ min: 0, max: 999 }), (whole, cents) => {
        expect(printedAsNumber(String(whole))).toBe(true);
        const decimal = String(whole + Math.sign(whole || 1) * (cents / 1000));
        if (decimal.replace(/[-.]/g, '').length <= 15) expect(printedAsNumber(decimal)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});

describe('printedNumberBytes', () => {
  it('agrees with printedAsNumber on ASCII bytes, and says no to other bytes or over 17 of them', () => {
    for (const value of [...PRINTED, ...NOT_PRINTED.filter((v) => v !== '')])
      expect(printedNumberBytes(bytes(value), 0, bytes(value).length)).toBe(printedAsNumber(value));
    // the range is what counts, not the whole array
    const framed = bytes('x42y');
    expect(printedNumberBytes(framed, 1, 3)).toBe(true);
    expect(printedNumberBytes(framed, 0, 3)).toBe(false);
    expect(printedNumberBytes(new Uint8Array([0x34, 0xb2]), 0, 2)).toBe(false);
    expect(printedNumberBytes(bytes('12345678901234567'), 0, 17)).toBe(false);
    expect(printedNumberBytes(bytes('-12345678901234.5'), 0, 17)).toBe(true);
    expect(printedNumberBytes(bytes('-123456789012345.5'), 0, 18)).toBe(false);
  });
});

describe('numberOrDateBytes', () => {
  it('is true exactly for bytes that numbers and ISO dates are written with', () => {
    const allowed = /^[0-9:+\-.eETZ ]$/;
    for (let byte = 0; byte < 256; byte++) {
      const one = new Uint8Array([0x31, byte, 0x31]);
      expect([byte, numberOrDateBytes(one, 0, 3)]).toEqual([byte, allowed.test(String.fromCharCode(byte))]);
    }
    expect(numberOrDateBytes(bytes('2024-01-31T10:20:30.000Z'), 0, 24)).toBe(true);
    expect(numberOrDateBytes(bytes('x1'), 1, 2)).toBe(true);
    expect(numberOrDateBytes(bytes('1x'), 0, 2)).toBe(false);
  });
});

describe('booleanBytes', () => {
  it('is true for true and false in any case, and nothing else of four or five bytes', () => {
    for (const word of ['true', 'TRUE', 'TrUe', 'false', 'FALSE', 'fAlSe'])
      expect(booleanBytes(bytes(word), 0, word.length)).toBe(true);
    for (const word of ['trux', 'xrue', 'tRuE'.replace('E', '3'), 'fals', 'falsy', 'ffalse'.slice(1, 5), 'TRU\u00c5'])
      expect(booleanBytes(bytes(word), 0, Math.min(bytes(word).length, 5))).toBe(false);
    expect(booleanBytes(bytes('[true]'), 1, 5)).toBe(true);
  });
});
