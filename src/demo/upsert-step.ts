import { lastValueFrom } from 'rxjs';
import type { BulkRecord, FailedRecord } from '../index.js';
import { toResult } from '../../operators/index.js';
import type { DemoContext } from './demo-context.js';
import { count } from './demo-format.js';
import { dunsNumber, externalKey } from './demo-records.js';

/** One failed row as the demo prints it. */
export interface PrintedError {
  readonly key: string;
  readonly statusCode: string;
  readonly message: string;
  readonly fields: readonly string[];
}

/** What step 2 did. */
export interface UpsertSummary {
  readonly inserted: number;
  readonly updated: number;
  readonly errors: readonly PrintedError[];
}

/** Seven rows keyed on External_Key__c: two updates, two inserts, three that fail on purpose. */
function upsertRows(): BulkRecord[] {
  return [
    { External_Key__c: externalKey(1), Name: 'Account 00001 (renamed)', Industry: 'Finance' },
    { External_Key__c: externalKey(2), AnnualRevenue: 9_990_000 },
    { External_Key__c: 'NEW-00001', Name: 'Initech', Industry: 'Technology', Duns_Number__c: 'NEW-DUNS-00001' },
    { External_Key__c: 'NEW-00002', Name: 'Umbrella Corp', Industry: 'Healthcare' },
    // no Name: a new record needs one (REQUIRED_FIELD_MISSING)
    { External_Key__c: 'NEW-00003', Industry: 'Retail' },
    // the D-U-N-S number of account 3: the field is unique (DUPLICATE_VALUE)
    { External_Key__c: 'NEW-00004', Name: 'Copycat Ltd', Duns_Number__c: dunsNumber(3) },
    // text in a number field (INVALID_TYPE_ON_FIELD_IN_RECORD)
    { External_Key__c: externalKey(4), NumberOfEmployees: 'a few hundred' },
  ];
}

function printed(failure: FailedRecord): PrintedError {
  const { statusCode, message, fields } = failure.error;
  return { key: failure.fields.External_Key__c ?? '?', statusCode, message, fields };
}

/** Step 2: an upsert in which some rows fail, and the errors of those rows. */
export async function upsertStep(ctx: DemoContext): Promise<UpsertSummary> {
  const { client, out } = ctx;
  const rows = upsertRows();
  out.line(`2. Upsert ${rows.length} Account rows on External_Key__c (3 are bad on purpose)`);
  const result = await lastValueFrom(client.bulk.upsert('Account', rows, 'External_Key__c').pipe(toResult()));
  const inserted = result.successRecords.filter((r) => r.created).length;
  const updated = result.successCount - inserted;
  out.line(
    `  ${count(result.successCount)} saved (${inserted} inserted, ${updated} updated), ${count(result.failedCount)} failed:`,
  );
  // result files do not keep the upload's order; show the failures in input order
  const failures = [...result.failedRecords].sort((a, b) => (a.inputIndex ?? 0) - (b.inputIndex ?? 0));
  const errors = failures.map(printed);
  for (const error of errors) {
    out.line(`    ${error.key.padEnd(10)} ${error.statusCode}`);
    out.line(`               message: ${error.message}`);
    out.line(`               fields:  ${error.fields.length > 0 ? error.fields.join(', ') : '(none)'}`);
  }
  return { inserted, updated, errors };
}
