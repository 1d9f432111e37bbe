import Papa from 'papaparse';
import { defer, type Observable } from 'rxjs';
import type { BulkRecord } from 'kinetic-core';

/**
 * Reads a CSV file picked in an `<input type="file">` into records, in the browser: the first
 * line names the fields, blank lines are skipped, every value stays a string (Salesforce
 * converts it to the field's type). Errors when the file has no rows or a malformed line.
 */
export function csvFileRecords(file: Blob): Observable<BulkRecord[]> {
  return defer(async () => {
    const parsed = Papa.parse<Record<string, string>>(await file.text(), { header: true, skipEmptyLines: true });
    const problem = parsed.errors[0];
    if (problem) throw new Error(`CSV line ${(problem.row ?? 0) + 2}: ${problem.message}`);
    if (parsed.data.length === 0) throw new Error('The CSV file has no rows');
    return parsed.data;
  });
}
