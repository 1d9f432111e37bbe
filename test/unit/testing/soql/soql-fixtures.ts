import type { SoqlFieldType, SoqlRow, SoqlSchema } from '../../../../src/testing/soql/index.js';
import { SoqlError } from '../../../../src/testing/soql/index.js';

/** A two-object fake org: Account and Contact (Contact.Account → Account). */
const FIELDS: Readonly<Record<string, Readonly<Record<string, SoqlFieldType>>>> = {
  account: {
    id: 'id',
    name: 'string',
    industry: 'string',
    annualrevenue: 'number',
    isactive__c: 'boolean',
    founded__c: 'date',
    createddate: 'datetime',
    ownerid: 'reference',
  },
  contact: {
    id: 'id',
    lastname: 'string',
    accountid: 'reference',
    birthdate: 'date',
  },
};

/** Case-insensitive schema over {@link FIELDS}; `Account.Name` on Contact follows the lookup. */
export const fakeSchema: SoqlSchema = {
  hasObject: (object) => Object.hasOwn(FIELDS, object.toLowerCase()),
  fieldType: (object, path) => {
    const segments = path.toLowerCase().split('.');
    let current = object.toLowerCase();
    for (const segment of segments.slice(0, -1)) {
      if (current === 'contact' && segment === 'account') current = 'account';
      else return undefined;
    }
    return FIELDS[current]?.[segments[segments.length - 1] ?? ''];
  },
};

/** Reads a possibly dotted path from nested plain objects, ignoring case. */
export function resolvePath(row: SoqlRow, path: string): unknown {
  let current: unknown = row;
  for (const segment of path.split('.')) {
    if (current === null || typeof current !== 'object') return null;
    const record = current as Record<string, unknown>;
    const key = Object.keys(record).find((k) => k.toLowerCase() === segment.toLowerCase());
    current = key === undefined ? undefined : record[key];
  }
  return current;
}

/** Runs `fn` and returns the SoqlError it throws (fails the test when it does not throw one). */
export function soqlErrorOf(fn: () => unknown): SoqlError {
  try {
    fn();
  } catch (error) {
    if (error instanceof SoqlError) return error;
    throw error;
  }
  throw new Error('expected a SoqlError, nothing was thrown');
}
