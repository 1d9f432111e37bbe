// The code block of docs/errors.md, verbatim inside a function: test/docs/small-guides.test.ts runs it.
import { lastValueFrom } from 'rxjs';
import { ApiError, BulkTimeoutError, ValidationError, type BulkRecord, type SalesforceClient } from 'kinetic-core';
import { toResult } from 'kinetic-core/operators';

export async function updateAndReport(client: SalesforceClient, rows: readonly BulkRecord[]): Promise<void> {
  try {
    const result = await lastValueFrom(client.bulk.update('Account', rows).pipe(toResult()));
    if (result.job.state === 'Failed') console.log('job failed:', result.errors[0]?.message);
    for (const row of result.failedRecords) console.log(row.inputIndex, row.error.statusCode, row.error.fields);
  } catch (error) {
    if (error instanceof ValidationError) console.log('bad input', error.index, error.field);
    else if (error instanceof BulkTimeoutError) console.log('still running:', error.jobId);
    else if (error instanceof ApiError) console.log(error.status, error.errorCode);
    else throw error;
  }
}
