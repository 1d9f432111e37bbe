import { dateOnly } from '../../../src/csv/date-only.js';
import { ValidationError } from '../../../src/errors/validation-error.js';

describe('dateOnly', () => {
  it('gives the UTC calendar date of a Date', () => {
    expect(dateOnly(new Date(Date.UTC(1990, 4, 17)))).toBe('1990-05-17');
    expect(dateOnly(new Date('2024-03-01T23:59:59.999Z'))).toBe('2024-03-01');
    expect(dateOnly(new Date('2024-03-01T00:30:00+02:00'))).toBe('2024-02-29');
  });

  it('refuses an invalid Date', () => {
    expect(() => dateOnly(new Date('nope'))).toThrow(ValidationError);
  });
});
