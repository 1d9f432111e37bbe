import { lastValueFrom, toArray } from 'rxjs';
import { BulkTimeoutError } from '../../../../src/errors/bulk-timeout-error.js';
import { ValidationError } from '../../../../src/errors/validation-error.js';
import type { BulkResult } from '../../../../src/models/bulk-result.js';
import type { BulkEvent } from '../../../../src/operations/shared/bulk-event.js';
import { BASE, JOB_ID, TOKEN, jobInfo, mockClient, requestLog } from '../../../support/mock-salesforce.js';

const CSV_HEADERS = { 'content-type': 'text/csv; charset=UTF-8' };

function lastResult(events: BulkEvent<BulkResult>[]): BulkResult {
  const last = events[events.length - 1];
  if (!last || last.type !== 'result') throw new Error('no result event');
  return last.result;
}

describe('insert', () => {
  it('sends create, upload, close, polls, fetches the three result files, in that order', async () => {
    const { client, mock } = mockClient();
    mock
      .onPost(`${BASE}/jobs/ingest`)
      .replyOnce(200, jobInfo({ contentUrl: `services/data/v66.0/jobs/ingest/${JOB_ID}/batches` }));
    mock.onPut(`${BASE}/jobs/ingest/${JOB_ID}/batches`).replyOnce(201, '');
    mock.onPatch(`${BASE}/jobs/ingest/${JOB_ID}`).replyOnce(200, jobInfo({ state: 'UploadComplete' }));
    mock
      .onGet(`${BASE}/jobs/ingest/${JOB_ID}`)
      .replyOnce(200, jobInfo({ state: 'InProgress', numberRecordsProcessed: 1, numberRecordsFailed: 0 }));
    mock
      .onGet(`${BASE}/jobs/ingest/${JOB_ID}`)
      .replyOnce(200, jobInfo({ state: 'JobComplete', numberRecordsProcessed: 2, numberRecordsFailed: 1 }));
    mock
      .onGet(`${BASE}/jobs/ingest/${JOB_ID}/successfulResults`)
      .replyOnce(200, '"sf__Id","sf__Created",Name,Industry\n"001xx000003DGb2AAG","true","Acme","Tech"\n', CSV_HEADERS);
    mock
      .onGet(`${BASE}/jobs/ingest/${JOB_ID}/failedResults`)
      .replyOnce(
        200,
        '"sf__Id","sf__Error",Name,Industry\n"","REQUIRED_FIELD_MISSING:Required fields are missing: [Name]:Name --","",""\n',
        CSV_HEADERS,
      );
    mock.onGet(`${BASE}/jobs/ingest/${JOB_ID}/unprocessedrecords`).replyOnce(200, 'Name,Industry\n', CSV_HEADERS);

    const progress: string[] = [];
    const events = await lastValueFrom(
      client.bulk
        .insert(
          'Account',
          [
            { Name: 'Acme', Industry: 'Tech' },
            { Name: '', Industry: undefined },
          ],
          { onProgress: (job) => progress.push(job.state) },
        )
        .pipe(toArray()),
    );

    const log = await requestLog(mock);
    expect(log.map((r) => `${r.method} ${r.url}`)).toEqual([
      'POST /services/data/v66.0/jobs/ingest',
      `PUT /services/data/v66.0/jobs/ingest/${JOB_ID}/batches`,
      `PATCH /services/data/v66.0/jobs/ingest/${JOB_ID}`,
      `GET /services/data/v66.0/jobs/ingest/${JOB_ID}`,
      `GET /services/data/v66.0/jobs/ingest/${JOB_ID}`,
      `GET /services/data/v66.0/jobs/ingest/${JOB_ID}/successfulResults`,
      `GET /services/data/v66.0/jobs/ingest/${JOB_ID}/failedResults`,
      `GET /services/data/v66.0/jobs/ingest/${JOB_ID}/unprocessedrecords`,
    ]);
    expect(JSON.parse(log[0]!.body!)).toEqual({
      contentType: 'CSV',
      object: 'Account',
      operation: 'insert',
      columnDelimiter: 'COMMA',
      lineEnding: 'LF',
    });
    expect(log[0]!.headers['content-type']).toMatch(/^application\/json/);
    expect(log[1]!.body).toBe('Name,Industry\nAcme,Tech\n,\n');
    expect(log[1]!.headers['content-type']).toBe('text/csv');
    expect(JSON.parse(log[2]!.body!)).toEqual({ state: 'UploadComplete' });
    for (const entry of log) expect(entry.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(log[5]!.headers['accept']).toBe('text/csv');

    expect(events.map((e) => (e.type === 'job' ? e.job.state : 'result'))).toEqual([
      'Open',
      'UploadComplete',
      'InProgress',
      'JobComplete',
      'result',
    ]);
    expect(progress).toEqual(['Open', 'UploadComplete', 'InProgress', 'JobComplete']);
    const result = lastResult(events);
    expect(result.successCount).toBe(1);
    expect(result.failedCount).toBe(1);
    expect(result.totalRecords).toBe(2);
    expect(result.successRecords[0]).toMatchObject({
      id: '001xx000003DGb2AAG',
      created: true,
      fields: { Name: 'Acme', Industry: 'Tech' },
      jobId: JOB_ID,
    });
    expect(result.failedRecords[0]!.error).toEqual({
      statusCode: 'REQUIRED_FIELD_MISSING',
      message: 'Required fields are missing: [Name]',
      fields: ['Name'],
    });
    expect(result.errors).toHaveLength(1);
    expect(result.job.createdDate).toEqual(new Date('2026-11-28T10:00:00.000Z'));
  });

  it('ends a Failed job in a BulkResult that carries the job error and the rows committed before', async () => {
    const { client, mock } = mockClient();
    mock.onPost(`${BASE}/jobs/ingest`).replyOnce(200, jobInfo());
    mock.onPut(`${BASE}/jobs/ingest/${JOB_ID}/batches`).replyOnce(201);
    mock.onPatch(`${BASE}/jobs/ingest/${JOB_ID}`).replyOnce(200, jobInfo({ state: 'UploadComplete' }));
    mock.onGet(`${BASE}/jobs/ingest/${JOB_ID}`).replyOnce(
      200,
      jobInfo({
        state: 'Failed',
        numberRecordsProcessed: 0,
        errorMessage: 'InvalidBatch : Field name not found : Bogus__c',
      }),
    );
    mock.onGet(`${BASE}/jobs/ingest/${JOB_ID}/successfulResults`).replyOnce(200, '');
    mock.onGet(`${BASE}/jobs/ingest/${JOB_ID}/failedResults`).replyOnce(200, '"sf__Id","sf__Error",Bogus__c\n');
    mock.onGet(`${BASE}/jobs/ingest/${JOB_ID}/unprocessedrecords`).replyOnce(200, 'Bogus__c\n"x"\n');

    const events = await lastValueFrom(client.bulk.insert('Account', [{ Bogus__c: 'x' }]).pipe(toArray()));
    const result = lastResult(events);
    expect(result.job.state).toBe('Failed');
    expect(result.job.isSuccessful()).toBe(false);
    expect(result.errors[0]).toEqual({
      statusCode: 'InvalidBatch',
      message: 'Field name not found : Bogus__c',
      fields: [],
    });
    expect(result.unprocessedRecords).toEqual([
      { fields: { Bogus__c: 'x' }, jobId: JOB_ID, inputIndex: 0, matched: true },
    ]);
    expect(result.totalRecords).toBe(1);
  });

  it('with wait: false completes after the close, the last snapshot carrying the job id', async () => {
    const { client, mock } = mockClient();
    mock.onPost(`${BASE}/jobs/ingest`).replyOnce(200, jobInfo());
    mock.onPut(`${BASE}/jobs/ingest/${JOB_ID}/batches`).replyOnce(201);
    mock.onPatch(`${BASE}/jobs/ingest/${JOB_ID}`).replyOnce(200, jobInfo({ state: 'UploadComplete' }));
    const events = await lastValueFrom(client.bulk.insert('Account', [{ Name: 'A' }], { wait: false }).pipe(toArray()));
    expect(events.map((e) => e.type === 'job' && e.job.state)).toEqual(['Open', 'UploadComplete']);
    const last = events[1];
    expect(last?.type === 'job' && last.job.id).toBe(JOB_ID);
    await client.whenSettled();
    expect(mock.history.length).toBe(3); // no abort afterwards
  });

  it('times out with BulkTimeoutError carrying the job, and neither aborts nor deletes it', async () => {
    const { client, mock } = mockClient();
    mock.onPost(`${BASE}/jobs/ingest`).replyOnce(200, jobInfo());
    mock.onPut(`${BASE}/jobs/ingest/${JOB_ID}/batches`).replyOnce(201);
    mock.onPatch(`${BASE}/jobs/ingest/${JOB_ID}`).replyOnce(200, jobInfo({ state: 'UploadComplete' }));
    mock.onGet(`${BASE}/jobs/ingest/${JOB_ID}`).reply(200, jobInfo({ state: 'InProgress', numberRecordsProcessed: 1 }));
    const error = await lastValueFrom(client.bulk.insert('Account', [{ Name: 'A' }], { timeoutMinutes: 0.001 })).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(BulkTimeoutError);
    expect((error as BulkTimeoutError).jobId).toBe(JOB_ID);
    expect((error as BulkTimeoutError).lastJob?.state).toBe('InProgress');
    await client.whenSettled();
    const methods = (await requestLog(mock)).map((r) => r.method);
    expect(methods).not.toContain('DELETE');
    expect(methods.filter((m) => m === 'PATCH')).toHaveLength(1); // the close only
  });

  it('aborts the job on the server when unsubscribed mid-poll, and leaves no timer', async () => {
    const { client, mock } = mockClient();
    mock.onPost(`${BASE}/jobs/ingest`).replyOnce(200, jobInfo());
    mock.onPut(`${BASE}/jobs/ingest/${JOB_ID}/batches`).replyOnce(201);
    mock.onPatch(`${BASE}/jobs/ingest/${JOB_ID}`).replyOnce(200, jobInfo({ state: 'UploadComplete' }));
    mock.onGet(`${BASE}/jobs/ingest/${JOB_ID}`).reply(200, jobInfo({ state: 'InProgress', numberRecordsProcessed: 1 }));
    mock.onPatch(`${BASE}/jobs/ingest/${JOB_ID}`).replyOnce(200, jobInfo({ state: 'Aborted' }));

    await new Promise<void>((resolve) => {
      const sub = client.bulk.insert('Account', [{ Name: 'A' }]).subscribe((event) => {
        if (event.type === 'job' && event.job.state === 'InProgress') {
          sub.unsubscribe();
          resolve();
        }
      });
    });
    await client.whenSettled();
    const log = await requestLog(mock);
    // the abort, then one read-back of the job for its final counts
    const [abort, readBack] = log.slice(-2);
    expect(`${abort!.method} ${abort!.url}`).toBe(`PATCH /services/data/v66.0/jobs/ingest/${JOB_ID}`);
    expect(JSON.parse(abort!.body!)).toEqual({ state: 'Aborted' });
    expect(`${readBack!.method} ${readBack!.url}`).toBe(`GET /services/data/v66.0/jobs/ingest/${JOB_ID}`);
    const polls = log.filter((r) => r.method === 'GET').length;
    await new Promise((r) => setTimeout(r, 30));
    expect(log.filter((r) => r.method === 'GET').length).toBe(polls); // polling stopped
    expect(mock.history.length).toBe(log.length);
  });
});

describe('update / upsert / delete / hardDelete requests', () => {
  function happyPath(mock: ReturnType<typeof mockClient>['mock'], operation: string): void {
    mock.onPost(`${BASE}/jobs/ingest`).replyOnce(200, jobInfo({ operation }));
    mock.onPut(`${BASE}/jobs/ingest/${JOB_ID}/batches`).replyOnce(201);
    mock.onPatch(`${BASE}/jobs/ingest/${JOB_ID}`).replyOnce(200, jobInfo({ operation, state: 'UploadComplete' }));
    mock
      .onGet(`${BASE}/jobs/ingest/${JOB_ID}`)
      .replyOnce(200, jobInfo({ operation, state: 'JobComplete', numberRecordsProcessed: 1 }));
    mock.onGet(new RegExp(`${JOB_ID}/(successfulResults|failedResults|unprocessedrecords)$`)).reply(200, '');
  }
  const id = '001xx000003DGb2AAG';

  it('update sends the records with Id', async () => {
    const { client, mock } = mockClient();
    happyPath(mock, 'update');
    await lastValueFrom(client.bulk.update('Account', [{ Id: id, Industry: null }]));
    const log = await requestLog(mock);
    expect(JSON.parse(log[0]!.body!).operation).toBe('update');
    expect(log[1]!.body).toBe(`Id,Industry\n${id},#N/A\n`);
  });

  it('upsert sends externalIdFieldName and the relationship column', async () => {
    const { client, mock } = mockClient();
    happyPath(mock, 'upsert');
    await lastValueFrom(
      client.bulk.upsert(
        'Contact',
        [{ External_Id__c: 'C1', LastName: 'Doe', Account: { External_Key__c: 'A1' } }],
        'External_Id__c',
      ),
    );
    const log = await requestLog(mock);
    expect(JSON.parse(log[0]!.body!)).toMatchObject({
      operation: 'upsert',
      object: 'Contact',
      externalIdFieldName: 'External_Id__c',
    });
    expect(log[1]!.body).toBe('External_Id__c,LastName,Account.External_Key__c\nC1,Doe,A1\n');
  });

  it.each(['delete', 'hardDelete'] as const)('%s sends only the Id column', async (operation) => {
    const { client, mock } = mockClient();
    happyPath(mock, operation);
    await lastValueFrom(client.bulk[operation]('Account', [id, { Id: id, Name: 'ignored' }]));
    const log = await requestLog(mock);
    expect(JSON.parse(log[0]!.body!).operation).toBe(operation);
    expect(log[1]!.body).toBe(`Id\n${id}\n${id}\n`);
  });

  it('sends columnDelimiter, lineEnding and assignmentRuleId and serialises accordingly', async () => {
    const { client, mock } = mockClient();
    happyPath(mock, 'insert');
    await lastValueFrom(
      client.bulk.insert('Lead', [{ LastName: 'a;b', Company: 'C' }], {
        columnDelimiter: 'SEMICOLON',
        lineEnding: 'CRLF',
        assignmentRuleId: '01Q000000000001AAA',
      }),
    );
    const log = await requestLog(mock);
    expect(JSON.parse(log[0]!.body!)).toMatchObject({
      columnDelimiter: 'SEMICOLON',
      lineEnding: 'CRLF',
      assignmentRuleId: '01Q000000000001AAA',
    });
    expect(log[1]!.body).toBe('LastName;Company\r\n"a;b";C\r\n');
  });
});

describe('validation before any request', () => {
  it.each([
    [
      'invalid sObject',
      (c: ReturnType<typeof mockClient>['client']) => c.bulk.insert('Account; DROP', [{ Name: 'a' }]),
      'sobject',
    ],
    [
      'sObject with path characters',
      (c: ReturnType<typeof mockClient>['client']) => c.bulk.insert('../jobs', [{ Name: 'a' }]),
      'sobject',
    ],
    [
      'update without Id',
      (c: ReturnType<typeof mockClient>['client']) =>
        c.bulk.update('Account', [{ Id: '001xx000003DGb2AAG' }, { Name: 'x' }]),
      'Id',
    ],
    ['malformed Id', (c: ReturnType<typeof mockClient>['client']) => c.bulk.delete('Account', ['001xx']), 'Id'],
    [
      'upsert without external id',
      (c: ReturnType<typeof mockClient>['client']) => c.bulk.upsert('Account', [{ Name: 'x' }], 'External_Key__c'),
      'External_Key__c',
    ],
    [
      'bad field name',
      (c: ReturnType<typeof mockClient>['client']) => c.bulk.insert('Account', [{ 'Na me': 'x' }]),
      'Na me',
    ],
    [
      'unknown option',
      (c: ReturnType<typeof mockClient>['client']) =>
        c.bulk.insert('Account', [{ Name: 'x' }], { waitt: true } as never),
      'waitt',
    ],
    [
      'bad option type',
      (c: ReturnType<typeof mockClient>['client']) => c.bulk.insert('Account', [{ Name: 'x' }], { timeoutMinutes: -1 }),
      'timeoutMinutes',
    ],
    [
      'bad delimiter',
      (c: ReturnType<typeof mockClient>['client']) =>
        c.bulk.insert('Account', [{ Name: 'x' }], { columnDelimiter: 'COLON' as never }),
      'columnDelimiter',
    ],
    ['empty input', (c: ReturnType<typeof mockClient>['client']) => c.bulk.insert('Account', []), 'records'],
  ])('%s is a ValidationError naming the field, and nothing is sent', async (_name, run, field) => {
    const { client, mock } = mockClient();
    const op = run(client) as ReturnType<typeof client.bulk.insert>;
    expect(mock.history.length).toBe(0); // cold: nothing before subscribe
    const error = await lastValueFrom(op).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).field).toBe(field);
    expect(mock.history.length).toBe(0);
  });
  it('names the record index', async () => {
    const { client } = mockClient();
    const error = (await lastValueFrom(
      client.bulk.update('Account', [{ Id: '001xx000003DGb2AAG' }, { Id: '001xx000003DGb2AAG' }, { Name: 'x' }]),
    ).catch((e: unknown) => e)) as ValidationError;
    expect(error.index).toBe(2);
    expect(error.message).toContain('record 2');
  });
});
