import { ValidationError } from '../errors/validation-error.js';

/** A record as given by the caller: field name → value, possibly with nested relationship objects. */
export type InputRecord = Readonly<Record<string, unknown>>;

/**
 * Turns nested relationship references into dotted columns, the form Salesforce's CSV header
 * expects: `{ Account: { External_Key__c: 'A1' } }` → `{ 'Account.External_Key__c': 'A1' }`.
 * Keys such as `Lead:Who.Email` (polymorphic lookups) pass through as written.
 *
 * Salesforce resolves only one level (child → parent), so an object nested deeper is a
 * `ValidationError`, as is a dotted key that collides with a flattened one. A record with no
 * nested object is returned as is (never copied, never mutated).
 *
 * @param index - index of the record in the input, used in errors
 */
export function flattenRecord(record: InputRecord, index?: number): InputRecord {
  if (!Object.values(record).some(isRelationship)) return record;
  const flat: Record<string, unknown> = {};
  forEachField(record, index, (column, value) => {
    if (Object.hasOwn(flat, column)) throw duplicateColumn(column, index);
    // defineProperty so that a key named `__proto__` stays a plain key
    Object.defineProperty(flat, column, { value, enumerable: true, writable: true, configurable: true });
  });
  return flat;
}

/**
 * Calls `visit` with every column and value of the record as `flattenRecord` would produce
 * them, without building the flattened object (the serialiser's hot path).
 * @internal
 */
export function forEachField(
  record: InputRecord,
  index: number | undefined,
  visit: (column: string, value: unknown) => void,
): void {
  for (const key of Object.keys(record)) {
    const value = record[key];
    if (!isRelationship(value)) {
      visit(key, value);
      continue;
    }
    for (const childKey of Object.keys(value)) {
      const column = `${key}.${childKey}`;
      const childValue = value[childKey];
      if (isRelationship(childValue)) {
        throw fieldError(
          `Field "${column}"${at(index)} is nested more than one level; Salesforce resolves only one parent level`,
          column,
          index,
        );
      }
      visit(column, childValue);
    }
  }
}

/** A plain object (not a Date, an array or a class instance) stands for a relationship reference. */
export function isRelationship(value: unknown): value is Readonly<Record<string, unknown>> {
  if (typeof value !== 'object' || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** The error for a column written twice in one record (`'Account.X'` next to `Account: { X }`). @internal */
export function duplicateColumn(column: string, index: number | undefined): ValidationError {
  return fieldError(
    `Column "${column}" appears twice in record${index === undefined ? '' : ` ${index}`}`,
    column,
    index,
  );
}

function at(index: number | undefined): string {
  return index === undefined ? '' : ` of record ${index}`;
}

function fieldError(message: string, field: string, index: number | undefined): ValidationError {
  return new ValidationError(message, [index === undefined ? { message, field } : { message, field, index }]);
}
