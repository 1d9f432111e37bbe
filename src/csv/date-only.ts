import { ValidationError } from '../errors/validation-error.js';

/**
 * A date field's value: `YYYY-MM-DD`, the calendar date of `date` in UTC. A `Date` in a record is
 * written as a UTC date-time (`2024-03-01T10:20:30.000Z`), right for date-time fields; a date
 * field wants the date alone, and a date-time sent to it is cut to its UTC date by Salesforce,
 * which is the day before for a local midnight east of UTC. Pass a `Date` built in UTC
 * (`new Date(Date.UTC(2024, 2, 1))`) or a string you built yourself for the date you mean.
 *
 * @example
 * client.bulk.insert('Contact', [{ LastName: 'Doe', Birthdate: dateOnly(new Date(Date.UTC(1990, 4, 17))) }]);
 * // Birthdate is written 1990-05-17
 */
export function dateOnly(date: Date): string {
  const time = date instanceof Date ? date.getTime() : Number.NaN;
  if (Number.isNaN(time))
    throw new ValidationError('dateOnly needs a valid Date', [{ message: 'not a valid Date', field: 'date' }]);
  return new Date(time).toISOString().slice(0, 10);
}
