import { startBulkEmulator, type BulkEmulator } from '../../../src/testing/index';
import { results, runIngest, waitForTerminal } from './emulator-helpers';

describe('emulator ingest CSV handling', () => {
  let emu: BulkEmulator;
  beforeEach(async () => {
    emu = await startBulkEmulator({ processing: 'instant' });
  });
  afterEach(() => emu.close());

  it('fails the whole job on an unknown column; every row is unprocessed', async () => {
    const id = await runIngest(emu, { object: 'Account', operation: 'insert' }, 'Name,ContactId__c\nA,1\nB,2\n');
    const { info } = await waitForTerminal(emu, 'ingest', id);
    expect(info).toMatchObject({
      state: 'Failed',
      errorMessage: 'InvalidBatch : Field name not found : ContactId__c',
      numberRecordsProcessed: 0,
    });
    expect(await results(emu, id, 'unprocessedrecords')).toBe('Name,ContactId__c\n"A","1"\n"B","2"\n');
    expect(await results(emu, id, 'successfulResults')).toBe('"sf__Id","sf__Created",Name,ContactId__c\n');
    expect(emu.org.count('Account')).toBe(0);
  });

  it('matches header names case-insensitively and echoes them exactly as written', async () => {
    const id = await runIngest(emu, { object: 'Account', operation: 'insert' }, '"name",INDUSTRY\n"Say ""hi""",x\n');
    await waitForTerminal(emu, 'ingest', id);
    const lines = (await results(emu, id, 'successfulResults')).split('\n');
    expect(lines[0]).toBe('"sf__Id","sf__Created","name",INDUSTRY');
    expect(lines[1]).toMatch(/^"001\w{15}","true","Say ""hi""","x"$/);
    expect(emu.org.records('Account')[0]).toMatchObject({ Name: 'Say "hi"', Industry: 'x' });
  });

  it('fails a job whose line endings do not match lineEnding', async () => {
    const id = await runIngest(emu, { object: 'Account', operation: 'insert' }, 'Name\r\nA\r\n');
    const { info } = await waitForTerminal(emu, 'ingest', id);
    expect(info.state).toBe('Failed');
    expect(info.errorMessage).toBe(
      'ClientInputError : LineEnding is invalid on user data. Current LineEnding setting is LF',
    );
    expect(await results(emu, id, 'unprocessedrecords')).toBe('Name\n"A"\n');
  });

  it('accepts CRLF files in CRLF jobs and answers with CRLF, and allows newlines inside quotes', async () => {
    const id = await runIngest(
      emu,
      { object: 'Account', operation: 'insert', lineEnding: 'CRLF' },
      'Name,Description\r\nA,"line1\nline2"\r\n',
    );
    await waitForTerminal(emu, 'ingest', id);
    expect(emu.org.records('Account')[0]?.Description).toBe('line1\nline2');
    const text = await results(emu, id, 'successfulResults');
    expect(text.startsWith('"sf__Id","sf__Created",Name,Description\r\n')).toBe(true);
    expect(text.endsWith('"A","line1\nline2"\r\n')).toBe(true);
  });

  it.each([
    ['PIPE', '|'],
    ['SEMICOLON', ';'],
    ['TAB', '\t'],
    ['CARET', '^'],
    ['BACKQUOTE', '`'],
  ])('parses and answers with the %s delimiter', async (name, char) => {
    const id = await runIngest(
      emu,
      { object: 'Account', operation: 'insert', columnDelimiter: name },
      `Name${char}Industry\nA,B${char}C\n`,
    );
    await waitForTerminal(emu, 'ingest', id);
    expect(emu.org.records('Account')[0]).toMatchObject({ Name: 'A,B', Industry: 'C' });
    const header = (await results(emu, id, 'successfulResults')).split('\n')[0];
    expect(header).toBe(['"sf__Id"', '"sf__Created"', 'Name', 'Industry'].join(char));
  });

  it('fails on a UTF-8 BOM before a quoted header, as reported for real orgs', async () => {
    const id = await runIngest(emu, { object: 'Account', operation: 'insert' }, '\uFEFF"Name"\nA\n');
    const { info } = await waitForTerminal(emu, 'ingest', id);
    expect(info).toMatchObject({
      state: 'Failed',
      errorMessage: 'InvalidBatch : Failed to parse CSV. Found unescaped quote',
    });
  });

  it('does not strip a BOM before an unquoted header: the first column is unknown', async () => {
    const id = await runIngest(emu, { object: 'Account', operation: 'insert' }, '\uFEFFName\nA\n');
    const { info } = await waitForTerminal(emu, 'ingest', id);
    expect(info.errorMessage).toBe('InvalidBatch : Field name not found : \uFEFFName');
  });

  it('fails when the upsert external id column is missing from the file', async () => {
    const id = await runIngest(
      emu,
      { object: 'Account', operation: 'upsert', externalIdFieldName: 'External_Key__c' },
      'Name\nA\n',
    );
    const { info } = await waitForTerminal(emu, 'ingest', id);
    expect(info.state).toBe('Failed');
    expect(String(info.errorMessage)).toMatch(/^InvalidBatch : .*External_Key__c/);
  });

  it('fails a job closed without any upload', async () => {
    const created = await fetch(`${emu.url}/services/data/v66.0/jobs/ingest`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${emu.accessToken}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ object: 'Account', operation: 'insert' }),
    });
    const { id } = (await created.json()) as { id: string };
    await fetch(`${emu.url}/services/data/v66.0/jobs/ingest/${id}`, {
      method: 'PATCH',
      headers: { Authorization: `Bearer ${emu.accessToken}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ state: 'UploadComplete' }),
    });
    expect(emu.jobs.get(id)?.state).toBe('Failed');
  });
});
