import type { QueryRecord } from '../index.js';
import { resultPageCalls, type DemoContext } from './demo-context.js';
import { count } from './demo-format.js';

/** What step 3 did. */
export interface QuerySummary {
  readonly soql: string;
  readonly rows: number;
  readonly pages: number;
  readonly firstRows: readonly QueryRecord[];
}

const SHOWN_ROWS = 3;

/** Step 3: a query streamed row by row with `queryRecords`, page after page. */
export async function queryStep(ctx: DemoContext): Promise<QuerySummary> {
  const { client, emulator, out } = ctx;
  const soql =
    "SELECT Id, Name, External_Key__c, Industry FROM Account WHERE Industry = 'Technology' ORDER BY External_Key__c";
  // small pages, so that the stream visibly spans several of them
  const maxRecords = Math.max(100, Math.ceil(ctx.records / 20));
  out.line(`3. Stream a query with queryRecords (pages of at most ${count(maxRecords)} rows)`);
  out.line(`  ${soql}`);
  const pagesBefore = resultPageCalls(emulator);
  let rows = 0;
  const firstRows: QueryRecord[] = [];
  // rows arrive as each page is parsed; only the first few are kept
  await client.bulk.queryRecords(soql, { maxRecords }).forEach((row) => {
    rows += 1;
    if (firstRows.length < SHOWN_ROWS) firstRows.push(row);
  });
  const pages = resultPageCalls(emulator) - pagesBefore;
  out.line(
    `  ${count(rows)} rows streamed from ${pages} result page${pages === 1 ? '' : 's'}; the first ${firstRows.length}:`,
  );
  for (const row of firstRows)
    out.line(`    ${row.Id}  ${(row.External_Key__c ?? '').padEnd(10)} ${row.Name} (${row.Industry})`);
  return { soql, rows, pages, firstRows };
}
