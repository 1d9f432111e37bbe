import { ValidationError } from '../errors/validation-error.js';

/** A delay option must be a finite, non-negative number of milliseconds (checked before any request). */
export function checkDelayMs(value: unknown, field: string): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new ValidationError(`${field} must be a non-negative number of milliseconds`, [
      { message: 'not a non-negative number', field },
    ]);
  }
}

/** A growth factor must be a number of at least 1 (a factor below 1 would poll ever faster). */
export function checkFactor(value: unknown, field: string): void {
  if (typeof value !== 'number' || !(value >= 1) || !Number.isFinite(value)) {
    throw new ValidationError(`${field} must be at least 1`, [{ message: 'below 1', field }]);
  }
}
