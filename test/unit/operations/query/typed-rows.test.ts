import { z } from 'zod';
import { nestColumns } from '../../../../src/operations/query/rows/nest-columns.js';
import { coerceRow, planRow } from '../../../../src/operations/query/rows/typed-rows.js';

describe('coerceRow', () => {
  const schema = z.object({
    n: z.number(),
    c: z.coerce.number(),
    big: z.bigint(),
    b: z.boolean().nullable(),
    d: z.date(),
    dt: z.date().optional(),
    s: z.string().nullable(),
    iso: z.iso.datetime(),
    piped: z.number().pipe(z.number().min(0)),
    defaulted: z.number().default(5),
    union: z.union([z.number().int(), z.number().min(0)]),
    mixed: z.union([z.number(), z.string()]),
  });
  const plan = planRow(schema);

  it('converts CSV text by the field types', () => {
    const out = coerceRow(
      {
        n: '-1.25e2',
        c: '7',
        big: '9007199254740993',
        b: 'TRUE',
        d: '2024-02-29',
        dt: '2024-02-29T23:59:59.5+0100',
        s: 'x',
        iso: '2024-01-01T00:00:00Z',
        piped: '3',
        defaulted: '4',
        union: '12',
        mixed: '12',
        extra: 'kept',
      },
      plan,
    );
    expect(out).toEqual({
      n: -125,
      c: 7,
      big: 9007199254740993n,
      b: true,
      d: new Date(Date.UTC(2024, 1, 29)),
      dt: new Date('2024-02-29T22:59:59.500Z'),
      s: 'x',
      iso: '2024-01-01T00:00:00Z', // a string field stays a string
      piped: 3,
      defaulted: 4,
      union: 12,
      mixed: '12', // members disagree: left to the schema
      extra: 'kept',
    });
    expect(schema.safeParse(out).success).toBe(true);
  });

  it('maps empty cells to null, or undefined for optional/default fields', () => {
    const out = coerceRow({ n: '', b: '', dt: '', defaulted: '', s: '' }, plan);
    expect(out).toEqual({ n: null, b: null, dt: undefined, defaulted: undefined, s: null });
    expect(z.object({ dt: z.date().optional(), defaulted: z.number().default(5) }).parse(out)).toEqual({
      dt: undefined,
      defaulted: 5,
    });
  });

  it('leaves text that does not convert for the schema to reject', () => {
    expect(coerceRow({ n: '12abc', b: 'yes', d: '2024-02-30', dt: '31/12/2024', big: '1.5' }, plan)).toEqual({
      n: '12abc',
      b: 'yes',
      d: '2024-02-30',
      dt: '31/12/2024',
      big: '1.5',
    });
  });

  it('does not mutate its input', () => {
    const row = { n: '1' };
    coerceRow(row, plan);
    expect(row).toEqual({ n: '1' });
  });
});

describe('nestColumns', () => {
  it('nests at any depth and nulls parents without values', () => {
    expect(nestColumns({ Id: '1', 'A.B.C': '', 'A.B.D': '', 'A.E': 'x', 'F.G': '' })).toEqual({
      Id: '1',
      A: { B: null, E: 'x' },
      F: null,
    });
  });

  it('keeps rows without dots as they are', () => {
    const row = { Id: '1', Name: '' };
    expect(nestColumns(row)).toEqual({ Id: '1', Name: '' });
  });

  it('keeps colliding or unsafe paths flat', () => {
    expect(nestColumns({ Owner: 'o', 'Owner.Name': 'n' })).toEqual({ Owner: 'o', 'Owner.Name': 'n' });
    expect(nestColumns({ 'Owner.Name': 'n', Owner: 'o' })).toEqual({ Owner: 'o', 'Owner.Name': 'n' });
    const out = nestColumns({ 'x.__proto__': 'p', '__proto__.y': 'q' });
    expect(Object.keys(out).sort()).toEqual(['__proto__.y', 'x.__proto__']);
    expect(({} as Record<string, unknown>).y).toBeUndefined();
  });
});
