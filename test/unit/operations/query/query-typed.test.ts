import { lastValueFrom, toArray } from 'rxjs';
import { z } from 'zod';
import * as zm from 'zod/mini';
import { ResponseValidationError } from '../../../../src/errors/response-validation-error.js';
import { RowValidationError } from '../../../../src/errors/row-validation-error.js';
import type { NestedRecord } from '../../../../src/operations/query/rows/nest-columns.js';
import type { InvalidRow } from '../../../../src/operations/query/rows/row-pipeline.js';
import { mockClient } from '../../../support/mock-salesforce.js';
import { mockQueryJob, pageHeaders, RESULTS, SOQL } from './query-mock.js';

const account = z.object({
  Id: z.string(),
  Name: z.string(),
  AnnualRevenue: z.number().nullable(),
  IsActive__c: z.boolean(),
  Founded__c: z.date().nullable(),
  LastModifiedDate: z.date(),
  Employees: z.number().int().optional(),
});

const CSV = [
  '"Id","Name","AnnualRevenue","IsActive__c","Founded__c","LastModifiedDate","Employees"',
  '"001A","Acme","1.5E7","true","1999-12-31","2024-03-01T10:20:30.000Z","250"',
  '"001B","Globex","","false","","2024-03-02T00:00:00.000+0000",""',
  '',
].join('\n');

function serve(body: string, count: number): ReturnType<typeof mockClient> {
  const mocked = mockClient();
  mockQueryJob(mocked.mock, ['JobComplete'], { numberRecordsProcessed: count });
  mocked.mock.onGet(RESULTS).replyOnce(200, body, pageHeaders(null, count));
  return mocked;
}

describe('typed rows (schema option)', () => {
  it('coerces numbers, booleans, dates, datetimes and empty cells, typed by the schema', async () => {
    const { client } = serve(CSV, 2);
    const rows = await lastValueFrom(client.bulk.queryRecords(SOQL, { schema: account }).pipe(toArray()));
    // compile-time: the element type comes from the schema
    const revenue: (number | null)[] = rows.map((r) => r.AnnualRevenue);
    const active: boolean[] = rows.map((r) => r.IsActive__c);
    // @ts-expect-error the schema says number | null, not string
    const wrong: string[] = rows.map((r) => r.AnnualRevenue);
    expect(wrong).toHaveLength(2);
    expect(revenue).toEqual([15_000_000, null]);
    expect(active).toEqual([true, false]);
    expect(rows[0]).toEqual({
      Id: '001A',
      Name: 'Acme',
      AnnualRevenue: 15_000_000,
      IsActive__c: true,
      Founded__c: new Date(Date.UTC(1999, 11, 31)),
      LastModifiedDate: new Date('2024-03-01T10:20:30.000Z'),
      Employees: 250,
    });
    expect(rows[1]!.Founded__c).toBeNull();
    expect(rows[1]!.LastModifiedDate).toEqual(new Date('2024-03-02T00:00:00.000Z'));
    expect(rows[1]!.Employees).toBeUndefined(); // optional (not nullable): an empty cell is undefined
  });

  it('fails by default on the first invalid row, naming its number and the zod issues', async () => {
    const bad = CSV + '"001C","Initech","lots","true","","2024-03-03T00:00:00.000Z",""\n';
    const { client } = serve(bad, 3);
    const seen: number[] = [];
    const error = await lastValueFrom(
      client.bulk.queryRecords(SOQL, { schema: account, onInvalidRow: (r) => seen.push(r.rowNumber) }).pipe(toArray()),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RowValidationError);
    expect(error).toBeInstanceOf(ResponseValidationError);
    const rowError = error as RowValidationError;
    expect(rowError.rowNumber).toBe(3);
    expect(rowError.page).toBe(0);
    expect(rowError.rowIssues[0]).toMatchObject({ path: ['AnnualRevenue'], code: 'invalid_type' });
    expect(rowError.message).toMatch(/Result row 3 \(page 1\) does not match the schema: AnnualRevenue/);
    expect(rowError.raw).toMatchObject({ Id: '001C', AnnualRevenue: 'lots' });
    expect(seen).toEqual([3]);
  });

  it("with invalidRows: 'skip' drops invalid rows, reports each to onInvalidRow, and counts them", async () => {
    const bad =
      CSV +
      '"001C","Initech","1","maybe","2024-02-31","2024-03-03T00:00:00.000Z",""\n"001D","Umbrella","2","true","","2024-03-04T00:00:00.000Z","7"\n';
    const { client } = serve(bad, 4);
    const invalid: InvalidRow[] = [];
    const cursor = client.bulk.queryCursor(SOQL, {
      schema: account,
      invalidRows: 'skip',
      onInvalidRow: (r) => invalid.push(r),
    });
    const ids: string[] = [];
    for await (const row of cursor) ids.push(row.Id);
    expect(ids).toEqual(['001A', '001B', '001D']);
    expect(cursor.skippedRows).toBe(1);
    expect(invalid).toHaveLength(1);
    expect(invalid[0]!.rowNumber).toBe(3);
    expect(invalid[0]!.row.IsActive__c).toBe('maybe');
    expect(invalid[0]!.issues.map((i) => i.path[0]).sort()).toEqual(['Founded__c', 'IsActive__c']);
  });

  it('accepts a zod/mini object schema: rows are coerced, validated and typed by it', async () => {
    const mini = zm.object({
      Id: zm.string(),
      AnnualRevenue: zm.nullable(zm.number()),
      IsActive__c: zm.boolean(),
      Employees: zm.optional(zm.int()),
    });
    const { client } = serve(CSV, 2);
    const rows = await lastValueFrom(client.bulk.queryRecords(SOQL, { schema: mini }).pipe(toArray()));
    const revenue: (number | null)[] = rows.map((r) => r.AnnualRevenue);
    // @ts-expect-error the schema says boolean, not string
    const wrong: string[] = rows.map((r) => r.IsActive__c);
    expect(wrong).toHaveLength(2);
    expect(revenue).toEqual([15_000_000, null]);
    expect(rows[0]).toMatchObject({ Id: '001A', IsActive__c: true, Employees: 250 });
    expect(rows[1]).toMatchObject({ Id: '001B', IsActive__c: false, Employees: undefined });
  });

  it('numbers rows across pages', async () => {
    const { client, mock } = mockClient();
    mockQueryJob(mock, ['JobComplete']);
    mock.onGet(`${RESULTS}?maxRecords=2`).replyOnce(200, '"Id","N"\n"a","1"\n"b","2"\n', pageHeaders('cDI', 2));
    mock.onGet(`${RESULTS}?locator=cDI&maxRecords=2`).replyOnce(200, '"Id","N"\n"c","x"\n', pageHeaders(null, 1));
    const error = await lastValueFrom(
      client.bulk.queryRecords(SOQL, { maxRecords: 2, schema: z.object({ Id: z.string(), N: z.number() }) }),
    ).catch((e: unknown) => e);
    expect((error as RowValidationError).rowNumber).toBe(3);
    expect((error as RowValidationError).page).toBe(1);
  });
});

describe('nest option', () => {
  const body = '"Id","Owner.Name","Owner.Email","Account.Owner.Name"\n"003A","Ann","ann@x.io","Bob"\n"003B","","",""\n';

  it('turns dotted relationship columns into nested objects; an all-empty parent is null', async () => {
    const { client } = serve(body, 2);
    const rows: NestedRecord[] = await lastValueFrom(client.bulk.queryRecords(SOQL, { nest: true }).pipe(toArray()));
    expect(rows).toEqual([
      { Id: '003A', Owner: { Name: 'Ann', Email: 'ann@x.io' }, Account: { Owner: { Name: 'Bob' } } },
      { Id: '003B', Owner: null, Account: null },
    ]);
  });

  it('combines with a schema describing the nested shape', async () => {
    const { client } = serve(body, 2);
    const schema = z.object({
      Id: z.string(),
      Owner: z.object({ Name: z.string(), Email: z.string().nullable() }).nullable(),
      Account: z.object({ Owner: z.object({ Name: z.string() }) }).nullable(),
    });
    const events = await lastValueFrom(client.bulk.query(SOQL, { nest: true, schema }).pipe(toArray()));
    const last = events[events.length - 1]!;
    if (last.type !== 'result') throw new Error('no result');
    const ownerNames = last.result.records.map((r) => r.Owner?.Name ?? null);
    expect(ownerNames).toEqual(['Ann', null]);
    expect(last.result.records[1]!.Account).toBeNull();
  });
});
