import { Readable } from 'node:stream';
import { lastValueFrom, toArray } from 'rxjs';
import { ResponseValidationError } from '../../../src/errors/response-validation-error.js';
import { mockClient } from '../../support/mock-salesforce.js';
import { JOB_ID, mockQueryJob, pageHeaders, QUERY_JOB, RESULTS, SOQL } from '../operations/query/query-mock.js';

const PAGES = `${QUERY_JOB}/resultPages`;

/** An endless CSV page: a header, then rows for as long as it is read; counts the rows it produced. */
function endlessPage(): Readable & { produced: number } {
  let n = 0;
  const stream = new Readable({
    read() {
      if (n === 0) this.push('"Id"\n');
      let chunk = '';
      for (let i = 0; i < 1000; i++) chunk += `"r${n++}"\n`;
      (stream as Readable & { produced: number }).produced = n;
      this.push(chunk);
    },
  }) as Readable & { produced: number };
  stream.produced = 0;
  return stream;
}

async function failure(run: Promise<unknown>): Promise<Error> {
  const error = await run.then(
    () => new Error('expected a failure'),
    (e: unknown) => e as Error,
  );
  return error;
}

describe('a server that pages forever is stopped by the counts it announced', () => {
  it('refuses new locators once the job has delivered every row it reported', async () => {
    const { client, mock } = mockClient();
    mockQueryJob(mock, ['JobComplete'], { numberRecordsProcessed: 2 });
    let pages = 0;
    // every page holds one new row and names a new locator: the result would never end
    mock.onGet(new RegExp(`${RESULTS.replace(/[.?]/g, '\\$&')}`)).reply(() => {
      pages += 1;
      return [200, `"Id"\n"row${pages}"\n`, pageHeaders(`bG9j${pages}`, 1)];
    });
    const error = await failure(lastValueFrom(client.bulk.queryRecords(SOQL).pipe(toArray())));
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect(error.message).toMatch(/holds more rows than the 2 the job reports/);
    expect(pages).toBe(3);
    await client.whenSettled();
  });

  it('refuses endless empty pages past the most pages the row count allows', async () => {
    const { client, mock } = mockClient();
    mockQueryJob(mock, ['JobComplete'], { numberRecordsProcessed: 2 });
    let pages = 0;
    mock.onGet(new RegExp(`${RESULTS.replace(/[.?]/g, '\\$&')}`)).reply(() => {
      pages += 1;
      return [200, `"Id"\n`, pageHeaders(`ZW1w${pages}`, 0)];
    });
    const error = await failure(lastValueFrom(client.bulk.queryRecords(SOQL).pipe(toArray())));
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect(error.message).toMatch(/goes on past 3 pages/);
    expect(pages).toBe(3);
  });

  it('refuses a resultPages listing that names a new nextRecordsUrl forever', async () => {
    const { client, mock } = mockClient();
    mockQueryJob(mock, ['JobComplete'], { numberRecordsProcessed: 1 });
    let listings = 0;
    mock.onGet(new RegExp(`${PAGES.replace(/[.?]/g, '\\$&')}`)).reply(() => {
      listings += 1;
      return [
        200,
        {
          resultPages: [],
          done: false,
          nextRecordsUrl: `/services/data/v66.0/jobs/query/${JOB_ID}/resultPages?locator=bmV4${listings}`,
        },
      ];
    });
    const error = await failure(lastValueFrom(client.bulk.queryRecords(SOQL, { parallel: 2 }).pipe(toArray())));
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect(error.message).toMatch(/goes on past 2 result page listings/);
    expect(listings).toBe(2);
  });

  it('stops reading a page at the first row past its Sforce-NumberOfRecords, whatever its size', async () => {
    const { client, mock } = mockClient();
    mockQueryJob(mock, ['JobComplete'], { numberRecordsProcessed: 2 });
    const body = endlessPage();
    mock.onGet(RESULTS).replyOnce(200, body, pageHeaders(null, 2));
    const error = await failure(lastValueFrom(client.bulk.queryRecords(SOQL).pipe(toArray())));
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect(error.message).toMatch(/more rows than its Sforce-NumberOfRecords \(2\)/);
    expect(body.produced).toBeLessThan(100_000); // stopped after a chunk or so, not at the end of the attack
    expect(body.destroyed).toBe(true);
  });

  it('stops reading when the rows pass the job count, even without page counts', async () => {
    const { client, mock } = mockClient();
    mockQueryJob(mock, ['JobComplete'], { numberRecordsProcessed: 5 });
    const body = endlessPage();
    mock.onGet(RESULTS).replyOnce(200, body, pageHeaders(null));
    const error = await failure(lastValueFrom(client.bulk.queryRecords(SOQL).pipe(toArray())));
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect(error.message).toMatch(/holds more rows than the 5 the job reports/);
    expect(body.produced).toBeLessThan(100_000);
  });
});

describe('a job listing that never ends', () => {
  it('is refused when it repeats a nextRecordsUrl', async () => {
    const { client, mock } = mockClient();
    mock.onGet(/\/jobs\/ingest/).reply(200, {
      done: false,
      records: [],
      nextRecordsUrl: '/services/data/v66.0/jobs/ingest?queryLocator=01gLOOP',
    });
    const error = await failure(lastValueFrom(client.bulk.listJobs({ kind: 'ingest' }).pipe(toArray())));
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect(error.message).toMatch(/listing goes on past 2 pages or repeats a nextRecordsUrl/);
    expect(mock.history.length).toBe(2);
  });
});
