// One measured kinetic-core export, in its own process. Args: url token mode [maxRecords]
//   mode "records": queryRecords (rows stream as pages arrive), counted and checked, none kept.
import { lastValueFrom, reduce } from 'rxjs';
import { AccessTokenAuthenticator, SalesforceClient } from '../../src/index';
import { measure } from '../support/child';

const SOQL = 'SELECT Id, Name, Description, Industry, Type, Phone, Website, AnnualRevenue FROM Account';

async function main(): Promise<void> {
  const [url = '', token = '', , maxRecords] = process.argv.slice(2);
  const client = new SalesforceClient({
    auth: new AccessTokenAuthenticator({ instanceUrl: url, accessToken: token }),
    pollPolicy: { initialDelayMs: 100, factor: 1.5, maxDelayMs: 1000 },
  });
  const label = `kinetic-core queryRecords${maxRecords ? `, maxRecords ${maxRecords}` : ''}`;
  let expected = 0;
  const result = await measure(label, 0, async () => {
    const options = maxRecords ? { maxRecords: Number(maxRecords) } : {};
    // a consumer that looks at every row (so nothing is optimised away) and keeps none
    const seen = await lastValueFrom(
      client.bulk
        .queryRecords(SOQL, options)
        .pipe(
          reduce((acc, row) => ((acc.chars += (row.Description ?? '').length), acc.rows++, acc), { rows: 0, chars: 0 }),
        ),
    );
    expected = seen.rows;
    return { success: seen.rows, failed: 0, unprocessed: 0, jobs: 1 };
  });
  process.stdout.write(`${JSON.stringify({ ...result, records: expected })}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
