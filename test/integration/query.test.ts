import { count, lastValueFrom, take, toArray } from 'rxjs';
import { z } from 'zod';
import { toResult } from '../../operators/to-result.js';
import { eventually, startFixture, type EmulatorFixture } from '../support/emulator-client.js';

let fx: EmulatorFixture;
afterEach(async () => fx?.close());

const seed = (n: number) =>
  fx.emulator.org.insert(
    'Account',
    Array.from({ length: n }, (_, i) => ({
      Name: `Q ${String(i).padStart(5, '0')}, "x"`,
      Description: i % 3 ? 'plain' : 'multi\nline, ü ✓',
      AnnualRevenue: i * 10,
      Active__c: i % 2 === 0,
    })),
  );

describe('queries against the emulator over real HTTP', () => {
  it('pages with locators and maxRecords, every row once, header rows never as data', async () => {
    fx = await startFixture();
    seed(2500);
    const rows = await lastValueFrom(
      fx.client.bulk
        .queryRecords('SELECT Id, Name, Description FROM Account ORDER BY Name', { maxRecords: 400 })
        .pipe(toArray()),
    );
    expect(rows).toHaveLength(2500);
    expect(rows.some((r) => r.Name === 'Name')).toBe(false);
    expect(rows[0]?.Name).toBe('Q 00000, "x"');
    expect(rows[3]?.Description).toBe('multi\nline, ü ✓');
    expect(new Set(rows.map((r) => r.Id)).size).toBe(2500);
    expect(fx.emulator.stats().requests['query.results']?.GET).toBe(7);
  });

  it.each(['documented', 'observed'] as const)(
    'downloads parallel result pages (%s shape) in order',
    async (resultPages) => {
      fx = await startFixture({ resultPages, queryPageSize: 300 });
      seed(2000);
      const rows = await lastValueFrom(
        fx.client.bulk.queryRecords('SELECT Name FROM Account ORDER BY Name', { parallel: 3 }).pipe(toArray()),
      );
      expect(rows.map((r) => r.Name)).toEqual(
        Array.from({ length: 2000 }, (_, i) => `Q ${String(i).padStart(5, '0')}, "x"`),
      );
      expect(fx.emulator.stats().requests['query.resultPages']?.GET).toBeGreaterThan(0);
    },
  );

  it('falls back to the locator loop when resultPages is not served', async () => {
    fx = await startFixture({ resultPages: 'disabled', queryPageSize: 500 });
    seed(1200);
    const total = await lastValueFrom(
      fx.client.bulk.queryRecords('SELECT Id FROM Account', { parallel: 4 }).pipe(count()),
    );
    expect(total).toBe(1200);
  });

  it('collects a BulkQueryResult (seed API) and sees deleted rows only with queryAll', async () => {
    fx = await startFixture();
    const ids = seed(10);
    await lastValueFrom(fx.client.bulk.delete('Account', ids.slice(0, 4)).pipe(toResult()));
    const live = await lastValueFrom(fx.client.bulk.query('SELECT Id FROM Account').pipe(toResult()));
    expect(live.recordCount).toBe(6);
    expect(live.locator).toBeNull();
    expect(live.job.state).toBe('JobComplete');
    const all = await lastValueFrom(
      fx.client.bulk.query('SELECT Id, IsDeleted FROM Account', { queryAll: true }).pipe(toResult()),
    );
    expect(all.recordCount).toBe(10);
    expect(all.records.filter((r) => r.IsDeleted === 'true')).toHaveLength(4);
  });

  it('types rows with a zod schema and nests relationship columns', async () => {
    fx = await startFixture();
    const [accountId] = fx.emulator.org.insert('Account', [{ Name: 'Parent', AnnualRevenue: 1500.5, Active__c: true }]);
    fx.emulator.org.insert('Contact', [{ LastName: 'Child', AccountId: accountId as string, Birthdate: '1990-04-01' }]);
    const schema = z.object({
      LastName: z.string(),
      Birthdate: z.date().nullable(),
      'Account.Name': z.string(),
      'Account.AnnualRevenue': z.number(),
    });
    const [row] = await lastValueFrom(
      fx.client.bulk
        .queryRecords('SELECT LastName, Birthdate, Account.Name, Account.AnnualRevenue FROM Contact', { schema })
        .pipe(toArray()),
    );
    expect(row).toEqual({
      LastName: 'Child',
      Birthdate: new Date('1990-04-01T00:00:00.000Z'),
      'Account.Name': 'Parent',
      'Account.AnnualRevenue': 1500.5,
    });
    const [nested] = await lastValueFrom(
      fx.client.bulk.queryRecords('SELECT LastName, Account.Name FROM Contact', { nest: true }).pipe(toArray()),
    );
    expect(nested).toEqual({ LastName: 'Child', Account: { Name: 'Parent' } });
  });

  it('reports malformed SOQL and unknown fields with Salesforce codes at create time', async () => {
    fx = await startFixture();
    const bad = await lastValueFrom(fx.client.bulk.queryRecords('SELEKT Id FROM Account')).catch((e: unknown) => e);
    expect(bad).toMatchObject({ name: 'ApiError', errorCode: 'MALFORMED_QUERY' });
    const field = await lastValueFrom(fx.client.bulk.queryRecords('SELECT Nmae FROM Account')).catch((e: unknown) => e);
    expect(field).toMatchObject({ errorCode: 'INVALID_FIELD' });
    const grouped = await lastValueFrom(
      fx.client.bulk.queryRecords('SELECT Name, COUNT(Id) FROM Account GROUP BY Name'),
    ).catch((e: unknown) => e);
    expect((grouped as { status?: number }).status).toBe(400);
  });

  it('a cursor reads at its own pace and requests nothing ahead', async () => {
    fx = await startFixture();
    seed(900);
    const cursor = fx.client.bulk.queryCursor('SELECT Id FROM Account', { maxRecords: 300 });
    const first = await cursor.nextPage();
    expect(first?.records).toHaveLength(300);
    expect(fx.emulator.stats().requests['query.results']?.GET).toBe(1);
    let rest = 0;
    for await (const _row of cursor) rest++;
    expect(rest).toBe(600);
    expect(fx.emulator.stats().requests['query.results']?.GET).toBe(3);
  });

  it('unsubscribing while the query job runs aborts it on the server', async () => {
    fx = await startFixture({ processing: { recordsPerSecond: 200, tickMs: 20 } });
    seed(2000);
    const sub = fx.client.bulk.queryRecords('SELECT Id FROM Account').pipe(take(1)).subscribe();
    await eventually(() => fx.emulator.jobs.list().some((j) => j.state === 'InProgress'));
    sub.unsubscribe();
    await fx.client.whenSettled();
    expect(fx.emulator.jobs.list()[0]?.state).toBe('Aborted');
  });
});

describe('rows of an existing query job, by id', () => {
  it.each([
    ['locator pages', {}],
    ['parallel result pages', { parallel: 3 }],
  ])('waits for a job left running by a deadline, then streams every row (%s)', async (_name, reading) => {
    fx = await startFixture({ processing: { recordsPerSecond: 2000, tickMs: 20 }, queryPageSize: 300 });
    seed(1500);
    // a deadline that passes while the job runs: the job is left running, its id in the error
    const timedOut = await lastValueFrom(
      fx.client.bulk.queryRecords('SELECT Id, Name FROM Account', { timeoutMinutes: 0.0001 }).pipe(toArray()),
    ).then(
      () => ({ name: 'none', jobId: '' }),
      (e: unknown) => e as { name: string; jobId: string },
    );
    expect(timedOut.name).toBe('BulkTimeoutError');
    const rows = await lastValueFrom(fx.client.bulk.queryJobRecords(timedOut.jobId, reading).pipe(toArray()));
    expect(rows).toHaveLength(1500);
    expect(new Set(rows.map((r) => r.Id)).size).toBe(1500);
    expect(fx.emulator.jobs.get(timedOut.jobId)?.state).toBe('JobComplete');
  });

  it('never aborts the job when the reader unsubscribes', async () => {
    fx = await startFixture({ processing: { recordsPerSecond: 500, tickMs: 20 } });
    seed(2000);
    const timedOut = await lastValueFrom(
      fx.client.bulk.queryRecords('SELECT Id FROM Account', { timeoutMinutes: 0.0001 }).pipe(toArray()),
    ).then(
      () => ({ jobId: '' }),
      (e: unknown) => e as { jobId: string },
    );
    await lastValueFrom(fx.client.bulk.queryJobRecords(timedOut.jobId, { timeoutMinutes: 0.0002 })).catch(
      () => undefined,
    );
    await fx.client.whenSettled();
    expect(fx.emulator.jobs.get(timedOut.jobId)?.state).not.toBe('Aborted');
  });
});
