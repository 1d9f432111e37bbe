// One measured jsforce@3.10.16 bulk2.loadAndWaitForResults load, in its own process. Args: url token count
import { Connection } from 'jsforce';
import { measure } from '../support/child';
import { benchRecords } from '../support/records';

async function main(): Promise<void> {
  const [url = '', token = '', countText = '0'] = process.argv.slice(2);
  const count = Number(countText);
  const conn = new Connection({ instanceUrl: url, accessToken: token, version: '62.0' });
  const result = await measure('jsforce 3.10.16 bulk2.loadAndWaitForResults', count, async () => {
    // jsforce takes an array (or a CSV string/stream it uploads in one job): it cannot stream records
    const input = [...benchRecords(count)];
    const outcome = await conn.bulk2.loadAndWaitForResults({ object: 'Account', operation: 'insert', input, pollInterval: 200, pollTimeout: 3_600_000 });
    return { success: outcome.successfulResults.length, failed: outcome.failedResults.length, unprocessed: outcome.unprocessedRecords.length, jobs: 1 };
  });
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
