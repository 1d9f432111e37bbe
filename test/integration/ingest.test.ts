import { lastValueFrom, toArray } from 'rxjs';
import type { BulkResult } from '../../src/models/bulk-result.js';
import { toResult } from '../../operators/to-result.js';
import { startFixture, type EmulatorFixture } from '../support/emulator-client.js';

let fx: EmulatorFixture;
afterEach(async () => fx?.close());

const run = (op: ReturnType<EmulatorFixture['client']['bulk']['insert']>): Promise<BulkResult> =>
  lastValueFrom(op.pipe(toResult()));

describe('ingest operations against the emulator over real HTTP', () => {
  it('insert creates the rows and reports their ids', async () => {
    fx = await startFixture();
    const result = await run(
      fx.client.bulk.insert('Account', [
        { Name: 'Acme, "Inc"', Industry: 'Tech', AnnualRevenue: 1000, Active__c: true },
        { Name: 'Globex\nLine 2', Industry: 'Energy' },
      ]),
    );
    expect(result.successCount).toBe(2);
    expect(result.failedCount).toBe(0);
    expect(result.job.state).toBe('JobComplete');
    const rows = fx.emulator.org.records('Account');
    expect(rows.map((r) => r.Name).sort()).toEqual(['Acme, "Inc"', 'Globex\nLine 2']);
    expect(new Set(result.successRecords.map((r) => r.id))).toEqual(new Set(rows.map((r) => r.Id)));
    expect(result.successRecords.every((r) => r.created)).toBe(true);
    const acme = rows.find((r) => String(r.Name).startsWith('Acme'));
    expect(acme?.Active__c).toBe(true);
    expect(acme?.AnnualRevenue).toBe(1000);
  });

  it('update applies values, #N/A clears a field, an absent field stays unchanged', async () => {
    fx = await startFixture();
    const [id] = fx.emulator.org.insert('Account', [{ Name: 'Before', Industry: 'Tech', NumberOfEmployees: 5 }]);
    const result = await run(fx.client.bulk.update('Account', [{ Id: id as string, Name: 'After', Industry: null }]));
    expect(result.successCount).toBe(1);
    expect(result.successRecords[0]).toMatchObject({ id, created: false });
    const row = fx.emulator.org.get(id as string);
    expect(row?.Name).toBe('After');
    expect(row?.Industry ?? null).toBeNull();
    expect(row?.NumberOfEmployees).toBe(5);
  });

  it('upsert inserts and updates by external id and reports the failed rows with their codes', async () => {
    fx = await startFixture();
    fx.emulator.org.insert('Account', [{ Name: 'Old', External_Key__c: 'A1' }]);
    const result = await run(
      fx.client.bulk.upsert(
        'Account',
        [
          { External_Key__c: 'A1', Name: 'Updated' },
          { External_Key__c: 'A2', Name: 'New' },
          { External_Key__c: 'A3' }, // Name is required on insert
        ],
        'External_Key__c',
      ),
    );
    expect(result.successCount).toBe(2);
    expect(result.successRecords.map((r) => r.created).sort()).toEqual([false, true]);
    expect(result.failedCount).toBe(1);
    expect(result.failedRecords[0]?.error.statusCode).toBe('REQUIRED_FIELD_MISSING');
    expect(result.failedRecords[0]?.error.fields).toEqual(['Name']);
    expect(result.failedRecords[0]?.fields.External_Key__c).toBe('A3');
    const names = fx.emulator.org
      .records('Account')
      .map((r) => `${String(r.External_Key__c)}=${String(r.Name)}`)
      .sort();
    expect(names).toEqual(['A1=Updated', 'A2=New']);
  });

  it('resolves a relationship column by the parent external id', async () => {
    fx = await startFixture();
    const [accountId] = fx.emulator.org.insert('Account', [{ Name: 'Parent', External_Key__c: 'P1' }]);
    const result = await run(
      fx.client.bulk.insert('Contact', [
        { LastName: 'Child', Account: { External_Key__c: 'P1' } },
        { LastName: 'Orphan', Account: { External_Key__c: 'missing' } },
      ]),
    );
    expect(result.successCount).toBe(1);
    expect(result.failedCount).toBe(1);
    const child = fx.emulator.org.records('Contact').find((r) => r.LastName === 'Child');
    expect(child?.AccountId).toBe(accountId);
  });

  it('reports DUPLICATE_VALUE for a unique external id inserted twice', async () => {
    fx = await startFixture();
    fx.emulator.org.insert('Account', [{ Name: 'Exists', External_Key__c: 'D1' }]);
    const result = await run(fx.client.bulk.insert('Account', [{ Name: 'Dup', External_Key__c: 'D1' }]));
    expect(result.failedRecords[0]?.error.statusCode).toBe('DUPLICATE_VALUE');
    expect(fx.emulator.org.records('Account')).toHaveLength(1);
  });

  it('delete moves rows to the recycle bin (still visible with deleted rows); hardDelete removes them', async () => {
    fx = await startFixture();
    const [a, b] = fx.emulator.org.insert('Account', [{ Name: 'Soft' }, { Name: 'Hard' }]) as [string, string];
    expect((await run(fx.client.bulk.delete('Account', [a]))).successCount).toBe(1);
    expect((await run(fx.client.bulk.hardDelete('Account', [b]))).successCount).toBe(1);
    expect(fx.emulator.org.records('Account')).toHaveLength(0);
    const withDeleted = fx.emulator.org.records('Account', { includeDeleted: true });
    expect(withDeleted.map((r) => r.Id)).toEqual([a]);
    expect(withDeleted[0]?.IsDeleted).toBe(true);
  });

  it('deleting a well-formed id that does not exist fails that row with its id echoed', async () => {
    fx = await startFixture();
    const [kept] = fx.emulator.org.insert('Account', [{ Name: 'Keep' }]) as [string];
    fx.emulator.org.clear('Account');
    const result = await run(fx.client.bulk.delete('Account', [kept]));
    expect(result.failedCount).toBe(1);
    expect(result.failedRecords[0]?.id).toBe(kept);
    expect(['INVALID_CROSS_REFERENCE_KEY', 'ENTITY_IS_DELETED']).toContain(result.failedRecords[0]?.error.statusCode);
  });

  it('an unknown column fails the job: state Failed, the job error, every row unprocessed', async () => {
    fx = await startFixture();
    const result = await run(
      fx.client.bulk.insert('Account', [
        { Name: 'x', Bogus__c: '1' },
        { Name: 'y', Bogus__c: '2' },
      ]),
    );
    expect(result.job.state).toBe('Failed');
    expect(result.errors[0]).toEqual({
      statusCode: 'InvalidBatch',
      message: 'Field name not found : Bogus__c',
      fields: [],
    });
    expect(result.unprocessedCount).toBe(2);
    expect(result.totalRecords).toBe(2);
    expect(fx.emulator.org.records('Account')).toHaveLength(0);
  });

  it('emits UploadComplete, InProgress with rising counts, then JobComplete at a processing rate', async () => {
    fx = await startFixture({ processing: { recordsPerSecond: 2000, tickMs: 20 } });
    const records = Array.from({ length: 600 }, (_, i) => ({ Name: `Row ${i}` }));
    const events = await lastValueFrom(fx.client.bulk.insert('Account', records).pipe(toArray()));
    const states = events.flatMap((e) => (e.type === 'job' ? [e.job.state] : []));
    expect(states[0]).toBe('Open');
    expect(states[1]).toBe('UploadComplete');
    expect(states).toContain('InProgress');
    expect(states[states.length - 1]).toBe('JobComplete');
    const counts = events.flatMap((e) =>
      e.type === 'job' && e.job.state === 'InProgress' ? [e.job.numberRecordsProcessed] : [],
    );
    expect([...counts].sort((x, y) => x - y)).toEqual(counts);
    expect(fx.emulator.org.records('Account')).toHaveLength(600);
  });

  it('every delimiter and line ending round-trips through the server', async () => {
    fx = await startFixture();
    for (const [columnDelimiter, lineEnding] of [
      ['TAB', 'CRLF'],
      ['PIPE', 'LF'],
      ['SEMICOLON', 'CRLF'],
      ['CARET', 'LF'],
      ['BACKQUOTE', 'LF'],
    ] as const) {
      const name = `Name with , ; | ^ \` and\ttab ${columnDelimiter}`;
      const result = await run(fx.client.bulk.insert('Account', [{ Name: name }], { columnDelimiter, lineEnding }));
      expect(result.successCount).toBe(1);
      expect(result.successRecords[0]?.fields.Name).toBe(name);
    }
    expect(fx.emulator.org.records('Account')).toHaveLength(5);
  });
});
