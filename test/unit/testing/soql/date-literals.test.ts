import { relativeDateKind, resolveRelativeDate } from '../../../../src/testing/soql/index.js';

// Wednesday 2024-05-15, mid-morning UTC.
const NOW = new Date('2024-05-15T10:30:00.000Z');

function range(name: string, amount?: number): [string, string] {
  const r = resolveRelativeDate(name, amount, NOW);
  return [new Date(r.start).toISOString(), new Date(r.end).toISOString()];
}

const day = (d: string): string => `${d}T00:00:00.000Z`;

describe('relative date literals (UTC, weeks from Sunday)', () => {
  it.each([
    ['TODAY', undefined, '2024-05-15', '2024-05-16'],
    ['YESTERDAY', undefined, '2024-05-14', '2024-05-15'],
    ['TOMORROW', undefined, '2024-05-16', '2024-05-17'],
    ['THIS_WEEK', undefined, '2024-05-12', '2024-05-19'],
    ['LAST_WEEK', undefined, '2024-05-05', '2024-05-12'],
    ['NEXT_WEEK', undefined, '2024-05-19', '2024-05-26'],
    ['THIS_MONTH', undefined, '2024-05-01', '2024-06-01'],
    ['LAST_MONTH', undefined, '2024-04-01', '2024-05-01'],
    ['NEXT_MONTH', undefined, '2024-06-01', '2024-07-01'],
    ['THIS_QUARTER', undefined, '2024-04-01', '2024-07-01'],
    ['LAST_QUARTER', undefined, '2024-01-01', '2024-04-01'],
    ['THIS_YEAR', undefined, '2024-01-01', '2025-01-01'],
    ['LAST_YEAR', undefined, '2023-01-01', '2024-01-01'],
    ['NEXT_YEAR', undefined, '2025-01-01', '2026-01-01'],
    ['LAST_N_DAYS', 3, '2024-05-12', '2024-05-16'],
    ['NEXT_N_DAYS', 3, '2024-05-16', '2024-05-19'],
    ['N_DAYS_AGO', 3, '2024-05-12', '2024-05-13'],
    ['LAST_90_DAYS', undefined, '2024-02-15', '2024-05-16'],
    ['NEXT_90_DAYS', undefined, '2024-05-16', '2024-08-14'],
  ])('%s %s covers [%s, %s)', (name, amount, start, end) => {
    expect(range(name, amount)).toEqual([day(start), day(end)]);
  });

  it('handles month and year boundaries', () => {
    const jan = new Date('2024-01-10T00:00:00Z');
    expect(new Date(resolveRelativeDate('LAST_MONTH', undefined, jan).start).toISOString()).toBe(day('2023-12-01'));
    expect(new Date(resolveRelativeDate('LAST_QUARTER', undefined, jan).start).toISOString()).toBe(day('2023-10-01'));
  });

  it('classifies names case-insensitively and rejects unknown ones', () => {
    expect(relativeDateKind('today')).toBe('fixed');
    expect(relativeDateKind('Last_N_Days')).toBe('withAmount');
    expect(relativeDateKind('SOMEDAY')).toBeUndefined();
    expect(() => resolveRelativeDate('SOMEDAY', undefined, NOW)).toThrow(RangeError);
  });
});
