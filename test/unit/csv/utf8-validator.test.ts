import fc from 'fast-check';
import { Utf8Validator } from '../../../src/csv/utf8-validator.js';
import { chunk, cuts } from './csv-arbitraries.js';

const check = (chunks: readonly Uint8Array[]) => {
  const validator = new Utf8Validator();
  for (const piece of chunks) validator.push(piece);
  return validator.end();
};

const fatal = new TextDecoder('utf-8', { fatal: true });
const isUtf8 = (bytes: Uint8Array): boolean => {
  try {
    fatal.decode(bytes);
    return true;
  } catch {
    return false;
  }
};

describe('Utf8Validator', () => {
  it('gives the offset and line of the first byte that is not UTF-8', () => {
    const text = Buffer.concat([Buffer.from('Name\nCafé\nna'), Buffer.from([0xef, 0xbb]), Buffer.from('ve\n')]);
    // "na" then a cut three-byte sequence (EF BB followed by "v")
    expect(check([text])).toEqual({ offset: 13, line: 3 });
    // windows-1252 quotes in a UTF-8 file
    expect(check([Buffer.from([0x41, 0x0a, 0x93, 0x42, 0x94])])).toEqual({ offset: 2, line: 2 });
    // overlong, surrogate, above U+10FFFF, a lone continuation byte, a sequence cut by the end
    expect(check([Buffer.from([0xc0, 0xaf])])).toEqual({ offset: 0, line: 1 });
    expect(check([Buffer.from([0x61, 0xed, 0xa0, 0x80])])).toEqual({ offset: 1, line: 1 });
    expect(check([Buffer.from([0xf4, 0x90, 0x80, 0x80])])).toEqual({ offset: 0, line: 1 });
    expect(check([Buffer.from([0x80])])).toEqual({ offset: 0, line: 1 });
    expect(check([Buffer.from('ok'), Buffer.from([0xe2, 0x82])])).toEqual({ offset: 2, line: 1 });
    expect(check([Buffer.from('€ 😀 é\n'), Buffer.from('\uFEFF')])).toBeUndefined();
  });

  it('agrees with a fatal TextDecoder on any bytes, however they are chunked (property)', () => {
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 40 }),
      fc.string({ unit: 'binary', maxLength: 20 }).map((s) => new Uint8Array(Buffer.from(s, 'utf8'))),
      fc
        .tuple(fc.string({ unit: 'binary', maxLength: 10 }), fc.uint8Array({ maxLength: 3 }))
        .map(([s, tail]) => new Uint8Array(Buffer.concat([Buffer.from(s, 'utf8'), tail]))),
    );
    fc.assert(
      fc.property(bytes, cuts, (input, at) => {
        const problem = check(chunk(input, at));
        expect(problem === undefined).toBe(isUtf8(input));
        if (problem) {
          // everything before the offset is UTF-8, and the line counts the line feeds before it
          expect(isUtf8(input.subarray(0, problem.offset))).toBe(true);
          expect(problem.line).toBe(input.subarray(0, problem.offset).filter((b) => b === 10).length + 1);
        }
      }),
      { numRuns: 500 },
    );
  });
});
