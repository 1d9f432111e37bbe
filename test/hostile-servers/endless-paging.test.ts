import { lastValueFrom, toArray } from 'rxjs';
import { ResponseValidationError } from '../../src/errors/response-validation-error.js';
import { ResultMismatchError } from '../../src/errors/result-mismatch-error.js';
import { clientFor, failureOf, JOB_ID, jobInfo, org } from './fake-org.js';
import { csv, json, startHostileServer, type HostileServer } from './hostile-server.js';

// A server that pages forever, or answers with more result rows than were sent, is stopped by
// the counts it announced itself (the job's row count, each page's Sforce-NumberOfRecords, the
// rows uploaded), not followed past them.

let server: HostileServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('endless paging and padded results, over real HTTP', () => {
  it('a new Sforce-Locator on every page is refused once the job delivered the rows it reported', async () => {
    let pages = 0;
    server = await startHostileServer(
      org({
        'query.get': (_request, res) => json(res, 200, jobInfo('query', 'JobComplete', { numberRecordsProcessed: 3 })),
        'query.results': (_request, res) => {
          pages += 1;
          csv(res, 200, `"Id"\n"001xx00000000${String(pages).padStart(2, '0')}AAA"\n`, {
            'Sforce-Locator': `bG9j${pages}`,
            'Sforce-NumberOfRecords': '1',
          });
        },
      }),
    );
    const client = clientFor(server);
    const error = await failureOf(lastValueFrom(client.bulk.queryRecords('SELECT Id FROM Account').pipe(toArray())));
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect((error as Error).message).toMatch(/more rows than the 3 the job reports/);
    expect(pages).toBe(4);
    await client.whenSettled();
  });

  it('a resultPages listing with a new nextRecordsUrl forever is refused', async () => {
    let listings = 0;
    server = await startHostileServer(
      org({
        // the fake org files a GET of .../resultPages under query.get
        'query.get': (request, res) => {
          if (!request.path.includes('/resultPages'))
            return json(res, 200, jobInfo('query', 'JobComplete', { numberRecordsProcessed: 2 }));
          listings += 1;
          json(res, 200, {
            resultPages: [],
            done: false,
            nextRecordsUrl: `/services/data/v66.0/jobs/query/${JOB_ID}/resultPages?locator=bmV4${listings}`,
          });
        },
      }),
    );
    const client = clientFor(server);
    const error = await failureOf(
      lastValueFrom(client.bulk.queryRecords('SELECT Id FROM Account', { parallel: 2 }).pipe(toArray())),
    );
    expect((error as Error).message).toMatch(/goes on past 3 result page listings/);
    expect(listings).toBe(3);
  });

  it('a success file that repeats the one row sent, endlessly, is read no further than that row', async () => {
    let sent = 0;
    server = await startHostileServer(
      org({
        'ingest.successfulResults': (_request, res) => {
          res.writeHead(200, { 'Content-Type': 'text/csv' });
          res.write('"sf__Id","sf__Created","Name"\n');
          const more = (): void => {
            if (res.destroyed || sent > 5_000_000) return void res.end();
            const chunk = '"001xx0000000001AAA","true","Acme"\n'.repeat(1000);
            sent += chunk.length;
            if (res.write(chunk)) setImmediate(more);
            else res.once('drain', more);
          };
          more();
        },
      }),
    );
    const client = clientFor(server);
    const error = await failureOf(lastValueFrom(client.bulk.insert('Account', [{ Name: 'Acme' }])));
    expect(error).toBeInstanceOf(ResultMismatchError);
    expect((error as ResultMismatchError).result.successCount).toBe(1);
    expect(sent).toBeLessThan(5_000_000);
    await client.whenSettled();
  });
});
