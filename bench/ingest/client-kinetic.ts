// One measured kinetic-core load, in its own process. Args: url token count mode
//   mode "all": default options (every result row kept); "failed": resultRows 'failed';
//   "split": async generator input and maxBytesPerJob=<arg 5>, resultRows 'failed'.
import { lastValueFrom } from 'rxjs';
import { AccessTokenAuthenticator, SalesforceClient } from '../../src/index';
import { toResult } from '../../operators/index';
import { measure } from '../support/child';
import { benchRecords, benchRecordsAsync } from '../support/records';

async function main(): Promise<void> {
  const [url = '', token = '', countText = '0', mode = 'all', maxBytes = '100000000'] = process.argv.slice(2);
  const count = Number(countText);
  const client = new SalesforceClient({
    auth: new AccessTokenAuthenticator({ instanceUrl: url, accessToken: token }),
    pollPolicy: { initialDelayMs: 200, factor: 1.5, maxDelayMs: 2000 },
  });
  const label =
    mode === 'all'
      ? 'kinetic-core insert'
      : mode === 'failed'
        ? "kinetic-core insert, resultRows: 'failed'"
        : `kinetic-core insert, async generator, maxBytesPerJob ${maxBytes}`;
  const result = await measure(label, count, async () => {
    const input = mode === 'split' ? benchRecordsAsync(count) : benchRecords(count);
    const options =
      mode === 'all' ? {} : { resultRows: 'failed' as const, maxBytesPerJob: Number(maxBytes), timeoutMinutes: 60 };
    const outcome = await lastValueFrom(client.bulk.insert('Account', input, options).pipe(toResult()));
    return {
      success: outcome.successCount,
      failed: outcome.failedCount,
      unprocessed: outcome.unprocessedCount,
      jobs: outcome.jobs.length,
    };
  });
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
