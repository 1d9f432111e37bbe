import type { BulkRecord } from '../index.js';
import type { SchemaInput } from '../testing/index.js';

const INDUSTRIES = ['Technology', 'Energy', 'Finance', 'Retail', 'Healthcare'] as const;

/** The industry of the demo account at `index` (every fifth is `Technology`). */
export function industryOf(index: number): string {
  return INDUSTRIES[index % INDUSTRIES.length] ?? 'Technology';
}

/** `7` -> `00007`: keys sort the same way as their numbers. */
const pad = (n: number): string => String(n).padStart(5, '0');

/** External key of the demo account at `index`, e.g. `ACC-00007`. */
export const externalKey = (index: number, prefix = 'ACC'): string => `${prefix}-${pad(index)}`;

/** D-U-N-S number of the demo account at `index`: unique in the demo org. */
export const dunsNumber = (index: number, prefix = 'ACC'): string => `${prefix}-DUNS-${pad(index)}`;

/** `count` deterministic Account records; `prefix` keeps the keys of separate loads apart. */
export function demoAccounts(count: number, prefix = 'ACC'): BulkRecord[] {
  return Array.from({ length: count }, (_, i) => ({
    Name: `${prefix === 'ACC' ? 'Account' : prefix} ${pad(i)}`,
    External_Key__c: externalKey(i, prefix),
    Duns_Number__c: dunsNumber(i, prefix),
    Industry: industryOf(i),
    AnnualRevenue: 250_000 + (i % 1000) * 1_000,
    NumberOfEmployees: 10 + (i % 500),
    Active__c: i % 3 !== 0,
  }));
}

/**
 * The demo org's Account: the emulator's default fields that the demo uses, plus a unique
 * `Duns_Number__c` so that the upsert can show a DUPLICATE_VALUE row error.
 */
export const DEMO_SCHEMA: SchemaInput = {
  Account: {
    keyPrefix: '001',
    fields: [
      { name: 'Name', type: 'string', label: 'Account Name', maxLength: 255, required: true, idLookup: true },
      { name: 'External_Key__c', type: 'string', label: 'External Key', maxLength: 80, externalId: true },
      { name: 'Duns_Number__c', type: 'string', label: 'D-U-N-S Number', maxLength: 40, unique: true },
      { name: 'Industry', type: 'string', maxLength: 255 },
      { name: 'AnnualRevenue', type: 'double', label: 'Annual Revenue' },
      { name: 'NumberOfEmployees', type: 'int', label: 'Employees' },
      { name: 'Active__c', type: 'boolean', label: 'Active' },
    ],
  },
};
