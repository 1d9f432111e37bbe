import { ValidationError } from '../../errors/validation-error.js';

/** An API name: a letter, then letters, digits and single underscores (`__c`, `__r`, namespaces `ns__X__c` allowed). */
const API_NAME = /^[A-Za-z](?:[A-Za-z0-9]|_(?!_{2,})|__(?=[A-Za-z0-9]))*$/;
/** A CSV column: a field, `Relationship.Field`, or polymorphic `Type:Relationship.Field`. */
const COLUMN = /^(?:[A-Za-z][A-Za-z0-9_]*:)?[A-Za-z][A-Za-z0-9_]*(?:\.[A-Za-z][A-Za-z0-9_]*)?$/;
const SALESFORCE_ID = /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/;

/** Checks an sObject name before it goes into a job definition. */
export function checkObjectName(object: unknown): string {
  if (typeof object !== 'string' || object.length > 80 || !API_NAME.test(object) || object.endsWith('_')) {
    throw new ValidationError(
      `Invalid sObject name ${describe(object)}: expected an API name such as Account or My_Object__c`,
      [{ message: 'invalid sObject name', field: 'sobject' }],
    );
  }
  return object;
}

/** Checks a field API name (external id field, for instance). */
export function checkFieldName(name: unknown, what = 'field'): string {
  if (typeof name !== 'string' || name.length > 80 || !API_NAME.test(name) || name.endsWith('_')) {
    throw new ValidationError(`Invalid ${what} name ${describe(name)}`, [
      { message: `invalid ${what} name`, field: what },
    ]);
  }
  return name;
}

/** True when a CSV column name is acceptable (field, relationship path, polymorphic path). */
export function isColumnName(name: string): boolean {
  return name.length <= 255 && COLUMN.test(name);
}

/** True for a 15 or 18 character Salesforce id; 18-character ids must carry a valid case-safe suffix. */
export function isSalesforceId(value: unknown): value is string {
  if (typeof value !== 'string' || !SALESFORCE_ID.test(value)) return false;
  return value.length === 15 || idSuffix(value.slice(0, 15)) === value.slice(15).toUpperCase();
}

/** The three-character case-safe suffix of a 15-character id. */
export function idSuffix(id15: string): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';
  let suffix = '';
  for (let block = 0; block < 3; block += 1) {
    let bits = 0;
    for (let i = 0; i < 5; i += 1) {
      const c = id15.charAt(block * 5 + i);
      if (c >= 'A' && c <= 'Z') bits |= 1 << i;
    }
    suffix += alphabet.charAt(bits);
  }
  return suffix;
}

function describe(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value.slice(0, 60)) : `(${value === null ? 'null' : typeof value})`;
}
