// One measured jsforce@3.10.16 bulk2.query export, in its own process. Args: url token
import { Connection } from 'jsforce';
import { measure } from '../support/child';

const SOQL = 'SELECT Id, Name, Description, Industry, Type, Phone, Website, AnnualRevenue FROM Account';

async function main(): Promise<void> {
  const [url = '', token = ''] = process.argv.slice(2);
  const conn = new Connection({ instanceUrl: url, accessToken: token, version: '62.0' });
  let rows = 0;
  // jsforce can stall without an error (its stream never ends): report that instead of hanging
  process.once('beforeExit', () => {
    process.stdout.write(
      `${JSON.stringify({ label: 'jsforce 3.10.16 bulk2.query (one page)', records: rows, wallMs: 0, cpuMs: 0, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024), success: rows, failed: 0, unprocessed: 0, jobs: 1, note: `FAILED: the record stream stopped after ${rows} rows without ending or erroring` })}\n`,
    );
  });
  const result = await measure('jsforce 3.10.16 bulk2.query (one page)', 0, async () => {
    try {
      const records = await conn.bulk2.query(SOQL, { pollInterval: 100, pollTimeout: 3_600_000 });
      // jsforce's query result is a record stream that only starts once something listens
      await new Promise<void>((resolve, reject) => {
        records.on('record', () => rows++);
        records.on('end', () => resolve());
        records.on('error', reject);
      });
      return { success: rows, failed: 0, unprocessed: 0, jobs: 1 };
    } catch (error: unknown) {
      return {
        success: rows,
        failed: 0,
        unprocessed: 0,
        jobs: 1,
        note: `FAILED: ${(error instanceof Error ? error.message : String(error)).slice(0, 160)}`,
      };
    }
  });
  process.stdout.write(`${JSON.stringify({ ...result, records: rows })}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
