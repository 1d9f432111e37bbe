import { startBulkEmulator, type BulkEmulator } from '../../../src/testing/index';
import { call, results, runIngest, waitForTerminal, V } from './emulator-helpers';

/** Runs a job to completion and returns its failedResults lines (header dropped). */
async function failures(emu: BulkEmulator, spec: Record<string, unknown>, csv: string): Promise<string[]> {
  const id = await runIngest(emu, spec, csv);
  await waitForTerminal(emu, 'ingest', id);
  return (await results(emu, id, 'failedResults')).trimEnd().split('\n').slice(1);
}

describe('emulator ingest row processing', () => {
  let emu: BulkEmulator;
  beforeEach(async () => {
    emu = await startBulkEmulator({ processing: 'instant' });
  });
  afterEach(() => emu.close());

  it('reports REQUIRED_FIELD_MISSING in the sf__Error grammar', async () => {
    const lines = await failures(emu, { object: 'Account', operation: 'insert' }, 'Name,Industry\n,Energy\n');
    expect(lines).toEqual(['"","REQUIRED_FIELD_MISSING:Required fields are missing: [Name]:Name --","","Energy"']);
  });

  it('reports DUPLICATE_VALUE for a used external id, naming the existing record', async () => {
    const [existing] = emu.org.insert('Account', [{ Name: 'A', External_Key__c: 'K-1' }]);
    const lines = await failures(emu, { object: 'Account', operation: 'insert' }, 'Name,External_Key__c\nB,k-1\n');
    expect(lines).toEqual([
      `"","DUPLICATE_VALUE:duplicate value found: External_Key__c duplicates value on record with id: ${String(existing)}:--","B","k-1"`,
    ]);
  });

  it('reports STRING_TOO_LONG and INVALID_TYPE_ON_FIELD_IN_RECORD with the field named', async () => {
    const lines = await failures(
      emu,
      { object: 'Account', operation: 'insert' },
      `Name,NumberOfEmployees,Active__c\n${'n'.repeat(256)},,\nOk,many,\nOk2,,maybe\n`,
    );
    expect(lines[0]).toMatch(
      /^"","STRING_TOO_LONG:Account Name: data value too large: n+\.\.\. \(max length=255\):Name --"/,
    );
    expect(lines[1]).toBe(
      '"","INVALID_TYPE_ON_FIELD_IN_RECORD:Employees: value not of required type: many:NumberOfEmployees --","Ok","many",""',
    );
    expect(lines[2]).toContain(
      'INVALID_TYPE_ON_FIELD_IN_RECORD:Active: value not of required type: maybe:Active__c --',
    );
  });

  it('reports bad lookups: malformed, unknown and deleted parents', async () => {
    const [live, gone] = emu.org.insert('Account', [{ Name: 'Live' }, { Name: 'Gone' }]);
    await failures(emu, { object: 'Account', operation: 'delete' }, `Id\n${String(gone)}\n`);
    const lines = await failures(
      emu,
      { object: 'Contact', operation: 'insert' },
      `LastName,AccountId\nA,not-an-id\nB,001000000000000AAA\nC,${String(gone)}\nD,${String(live)}\n`,
    );
    expect(lines).toHaveLength(3);
    expect(lines[0]).toContain('MALFORMED_ID:Account ID: id value of incorrect type: not-an-id:AccountId --');
    expect(lines[1]).toContain('INVALID_CROSS_REFERENCE_KEY:invalid cross reference id:--');
    expect(lines[2]).toContain('ENTITY_IS_DELETED:entity is deleted:--');
    expect(emu.org.records('Contact').map((c) => c.AccountId)).toEqual([live]);
  });

  it('refuses an Id on insert and read-only system fields', async () => {
    const lines = await failures(
      emu,
      { object: 'Account', operation: 'insert' },
      'Id,Name,CreatedDate\n001000000000000AAA,A,\n,B,2020-01-01T00:00:00Z\n',
    );
    expect(lines[0]).toContain('INVALID_FIELD_FOR_INSERT_UPDATE:cannot specify Id in an insert call:Id --');
    expect(lines[1]).toContain('INVALID_FIELD_FOR_INSERT_UPDATE:Unable to create/update fields: CreatedDate.');
  });

  it('treats #N/A as null and an empty cell as "leave unchanged" on update', async () => {
    const [id] = emu.org.insert('Account', [{ Name: 'A', Industry: 'Energy', Phone: '555', NumberOfEmployees: 10 }]);
    const job = await runIngest(
      emu,
      { object: 'Account', operation: 'update' },
      `Id,Industry,Phone,NumberOfEmployees\n${String(id)},#N/A,,11\n`,
    );
    await waitForTerminal(emu, 'ingest', job);
    expect(emu.org.get(String(id))).toMatchObject({ Name: 'A', Industry: null, Phone: '555', NumberOfEmployees: 11 });
    const ok = await results(emu, job, 'successfulResults');
    expect(ok.split('\n')[1]).toBe(`"${String(id)}","false","${String(id)}","#N/A","","11"`);
  });

  it('refuses to null a required field with #N/A', async () => {
    const [id] = emu.org.insert('Account', [{ Name: 'A' }]);
    const lines = await failures(emu, { object: 'Account', operation: 'update' }, `Id,Name\n${String(id)},#N/A\n`);
    expect(lines[0]).toContain('REQUIRED_FIELD_MISSING:Required fields are missing: [Name]:Name --');
    expect(emu.org.get(String(id))?.Name).toBe('A');
  });

  it('soft-deletes with delete (kept for queryAll) and removes with hardDelete', async () => {
    const [a, b] = emu.org.insert('Account', [{ Name: 'A' }, { Name: 'B' }]);
    const del = await runIngest(emu, { object: 'Account', operation: 'delete' }, `Id\n${String(a)}\n`);
    await waitForTerminal(emu, 'ingest', del);
    expect(emu.org.count('Account')).toBe(1);
    expect(emu.org.records('Account', { includeDeleted: true }).find((r) => r.Id === a)?.IsDeleted).toBe(true);
    const hard = await runIngest(emu, { object: 'Account', operation: 'hardDelete' }, `Id\n${String(b)}\n`);
    await waitForTerminal(emu, 'ingest', hard);
    expect(emu.org.get(String(b))).toBeUndefined();
    expect(emu.org.count('Account', { includeDeleted: true })).toBe(1);

    const query = async (operation: string): Promise<string> => {
      const res = await call(emu, 'POST', `/services/data/${V}/jobs/query`, {
        json: { operation, query: 'SELECT Id, IsDeleted FROM Account' },
      });
      const { id } = (await res.json()) as { id: string };
      await waitForTerminal(emu, 'query', id);
      return (await call(emu, 'GET', `/services/data/${V}/jobs/query/${id}/results`)).text();
    };
    expect(await query('query')).toBe('"Id","IsDeleted"\n');
    expect(await query('queryAll')).toBe(`"Id","IsDeleted"\n"${String(a)}","true"\n`);
  });

  it('echoes a well-formed but unknown id into sf__Id on a failed delete', async () => {
    const [a] = emu.org.insert('Account', [{ Name: 'A' }]);
    await failures(emu, { object: 'Account', operation: 'delete' }, `Id\n${String(a)}\n`);
    const lines = await failures(
      emu,
      { object: 'Account', operation: 'delete' },
      `Id\n001000000000000AAA\nbad\n${String(a)}\n`,
    );
    expect(lines).toEqual([
      '"001000000000000AAA","INVALID_CROSS_REFERENCE_KEY:invalid cross reference id:--","001000000000000AAA"',
      '"","MALFORMED_ID:malformed id bad:--","bad"',
      `"${String(a)}","ENTITY_IS_DELETED:entity is deleted:--","${String(a)}"`,
    ]);
  });

  it('upserts by external id: inserts new keys, updates existing ones', async () => {
    const [existing] = emu.org.insert('Account', [{ Name: 'Old', External_Key__c: 'K1' }]);
    const id = await runIngest(
      emu,
      { object: 'Account', operation: 'upsert', externalIdFieldName: 'External_Key__c' },
      'external_key__c,Name\nk1,Renamed\nK2,New\n,Nokey\n',
    );
    const { info } = await waitForTerminal(emu, 'ingest', id);
    expect(info).toMatchObject({
      numberRecordsProcessed: 3,
      numberRecordsFailed: 1,
      externalIdFieldName: 'External_Key__c',
    });
    expect(emu.org.get(String(existing))?.Name).toBe('Renamed');
    expect(emu.org.records('Account').map((r) => r.Name)).toEqual(['Renamed', 'New']);
    const ok = (await results(emu, id, 'successfulResults')).trimEnd().split('\n');
    expect(ok[0]).toBe('"sf__Id","sf__Created",external_key__c,Name');
    expect(ok[1]).toBe(`"${String(existing)}","false","k1","Renamed"`);
    expect(ok[2]).toMatch(/^"001[a-zA-Z0-9]{15}","true","K2","New"$/);
    expect(await results(emu, id, 'failedResults')).toContain('MISSING_ARGUMENT:External_Key__c not specified:--');
  });

  it('resolves relationship columns by the parent external id', async () => {
    const [acme] = emu.org.insert('Account', [{ Name: 'Acme', External_Key__c: 'ACME' }]);
    const lines = await failures(
      emu,
      { object: 'Contact', operation: 'upsert', externalIdFieldName: 'External_Id__c' },
      'External_Id__c,LastName,Account.External_Key__c\nC1,Smith,acme\nC2,Jones,NOPE\n',
    );
    expect(lines).toEqual([
      '"","INVALID_FIELD:Foreign key external ID: NOPE not found for field External_Key__c in entity Account:--","C2","Jones","NOPE"',
    ]);
    expect(emu.org.records('Contact')).toEqual([expect.objectContaining({ LastName: 'Smith', AccountId: acme })]);
  });

  it('parses dates and booleans', async () => {
    const id = await runIngest(
      emu,
      { object: 'Contact', operation: 'insert' },
      'LastName,Birthdate,DoNotCall\nA,1990-02-28,TRUE\nB,1990-02-30,\n',
    );
    await waitForTerminal(emu, 'ingest', id);
    expect(emu.org.records('Contact')).toEqual([
      expect.objectContaining({ LastName: 'A', Birthdate: '1990-02-28', DoNotCall: true }),
    ]);
    expect(await results(emu, id, 'failedResults')).toContain(
      'INVALID_TYPE_ON_FIELD_IN_RECORD:Birthdate: value not of required type: 1990-02-30:Birthdate --',
    );
  });
});
