// One measured jsforce@3.10.16 bulk2.loadAndWaitForResults load, in its own process.
// Args: url token count mode — mode "records": an array of records (jsforce serialises them);
// "csv": the same records as one CSV string built inside the measured run.
import { Connection } from 'jsforce';
import { measure } from '../support/child';
import { benchRecords } from '../support/records';

function toCsv(records: Record<string, string | number>[]): string {
  const quote = (value: string | number): string => {
    const text = String(value);
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  const columns = Object.keys(records[0] ?? {});
  return `${[columns.join(','), ...records.map((r) => columns.map((c) => quote(r[c] ?? '')).join(','))].join('\n')}\n`;
}

async function main(): Promise<void> {
  const [url = '', token = '', countText = '0', mode = 'records'] = process.argv.slice(2);
  const count = Number(countText);
  const conn = new Connection({ instanceUrl: url, accessToken: token, version: '62.0' });
  const label = `jsforce 3.10.16 loadAndWaitForResults (${mode === 'csv' ? 'CSV string' : 'record array'})`;
  const result = await measure(label, count, async () => {
    // jsforce takes an array, a CSV string or a stream, and uploads it as one job: it cannot split
    const records = [...benchRecords(count)];
    const input = mode === 'csv' ? toCsv(records) : records;
    try {
      const outcome = await conn.bulk2.loadAndWaitForResults({
        object: 'Account',
        operation: 'insert',
        input,
        pollInterval: 200,
        pollTimeout: 3_600_000,
      });
      return {
        success: outcome.successfulResults.length,
        failed: outcome.failedResults.length,
        unprocessed: outcome.unprocessedRecords.length,
        jobs: 1,
      };
    } catch (error: unknown) {
      const message = error instanceof Error ? error.message : String(error);
      return { success: 0, failed: 0, unprocessed: 0, jobs: 1, note: `FAILED: ${message.slice(0, 160)}` };
    }
  });
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
