import { startBulkEmulator, type BulkEmulator } from '../../../src/testing/index';
import { V, call, runIngest, waitForTerminal } from './emulator-helpers';

const JOBS = `/services/data/${V}/jobs/ingest`;

async function createOpen(emu: BulkEmulator): Promise<string> {
  const res = await call(emu, 'POST', JOBS, { json: { object: 'Account', operation: 'insert' } });
  return ((await res.json()) as { id: string }).id;
}

const upload = (emu: BulkEmulator, id: string, csv = 'Name\nA\n'): Promise<Response> =>
  call(emu, 'PUT', `${JOBS}/${id}/batches`, { body: csv, headers: { 'Content-Type': 'text/csv' } });
const patch = (emu: BulkEmulator, id: string, state: string): Promise<Response> =>
  call(emu, 'PATCH', `${JOBS}/${id}`, { json: { state } });

describe('emulator ingest state machine', () => {
  let emu: BulkEmulator;
  beforeEach(async () => {
    emu = await startBulkEmulator({ processing: { recordsPerSecond: 100_000, tickMs: 10 } });
  });
  afterEach(() => emu.close());

  it('answers 201 with an empty body to the upload and refuses a second one', async () => {
    const id = await createOpen(emu);
    const first = await upload(emu, id);
    expect(first.status).toBe(201);
    expect(await first.text()).toBe('');
    const second = await upload(emu, id);
    expect(second.status).toBe(400);
    const [error] = (await second.json()) as { errorCode: string; message: string }[];
    expect(error?.errorCode).toBe('BULK_API_ERROR');
    expect(error?.message).toMatch(/^Found multiple contents for job/);
  });

  it('refuses uploads and a second close once the job is closed', async () => {
    const id = await createOpen(emu);
    await upload(emu, id);
    const closed = await patch(emu, id, 'UploadComplete');
    expect(closed.status).toBe(200);
    const body = (await closed.json()) as Record<string, unknown>;
    expect(body.state).toBe('UploadComplete');
    expect(body).not.toHaveProperty('contentUrl');
    const late = await upload(emu, id);
    expect(late.status).toBe(400);
    expect(((await late.json()) as { errorCode: string }[])[0]?.errorCode).toBe('INVALIDJOBSTATE');
    const again = await patch(emu, id, 'UploadComplete');
    expect(again.status).toBe(400);
    expect(((await again.json()) as { errorCode: string }[])[0]?.errorCode).toBe('INVALIDJOBSTATE');
  });

  it('aborts an Open job, then refuses to abort it again with the documented body', async () => {
    const id = await createOpen(emu);
    const aborted = await patch(emu, id, 'Aborted');
    expect(aborted.status).toBe(200);
    expect(((await aborted.json()) as { state: string }).state).toBe('Aborted');
    expect(emu.jobs.get(id)?.state).toBe('Aborted');
    const again = await patch(emu, id, 'Aborted');
    expect(again.status).toBe(400);
    expect(await again.json()).toEqual([
      { errorCode: 'INVALIDJOBSTATE', message: 'Aborting already Completed Job not allowed' },
    ]);
  });

  it('refuses to abort a completed job', async () => {
    const id = await runIngest(emu, { object: 'Account', operation: 'insert' }, 'Name\nA\n');
    await waitForTerminal(emu, 'ingest', id);
    const res = await patch(emu, id, 'Aborted');
    expect(res.status).toBe(400);
    expect(((await res.json()) as { message: string }[])[0]?.message).toBe(
      'Aborting already Completed Job not allowed',
    );
  });

  it('refuses to delete an Open job with 400 API_ERROR', async () => {
    const id = await createOpen(emu);
    const res = await call(emu, 'DELETE', `${JOBS}/${id}`);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual([
      { errorCode: 'API_ERROR', message: 'Error encountered when deleting the job because the job is not terminated' },
    ]);
  });

  it('answers 404 NOT_FOUND for unknown ids on every job route', async () => {
    const unknown = '750000000000000AAA';
    for (const [method, path] of [
      ['GET', `${JOBS}/${unknown}`],
      ['PATCH', `${JOBS}/${unknown}`],
      ['DELETE', `${JOBS}/${unknown}`],
      ['PUT', `${JOBS}/${unknown}/batches`],
      ['GET', `${JOBS}/${unknown}/successfulResults`],
    ] as const) {
      const res = await call(
        emu,
        method,
        path,
        method === 'PATCH' ? { json: { state: 'Aborted' } } : { body: method === 'PUT' ? 'Name\n' : undefined },
      );
      expect([method, path, res.status]).toEqual([method, path, 404]);
      expect(((await res.json()) as { errorCode: string }[])[0]?.errorCode).toBe('NOT_FOUND');
    }
  });

  it('answers 405 for a method the resource does not support', async () => {
    const id = await createOpen(emu);
    const res = await call(emu, 'POST', `${JOBS}/${id}`, { json: {} });
    expect(res.status).toBe(405);
    expect(((await res.json()) as { errorCode: string }[])[0]?.errorCode).toBe('METHOD_NOT_ALLOWED');
  });

  it('refuses results before the job is terminal', async () => {
    const id = await createOpen(emu);
    const res = await call(emu, 'GET', `${JOBS}/${id}/successfulResults`);
    expect(res.status).toBe(400);
  });

  it('validates create requests with 400 INVALIDJOB', async () => {
    const bad = [
      { object: 'Nope__c', operation: 'insert' },
      { object: 'Account', operation: 'INSERT' },
      { object: 'Account', operation: 'upsert' },
      { object: 'Account', operation: 'upsert', externalIdFieldName: 'Industry' },
      { object: 'Account', operation: 'insert', columnDelimiter: 'SPACE' },
      { object: 'Account', operation: 'insert', lineEnding: 'CR' },
    ];
    for (const spec of bad) {
      const res = await call(emu, 'POST', JOBS, { json: spec });
      expect([spec, res.status]).toEqual([spec, 400]);
      expect(((await res.json()) as { errorCode: string }[])[0]?.errorCode).toBe('INVALIDJOB');
    }
    const garbage = await call(emu, 'POST', JOBS, {
      body: '{not json',
      headers: { 'Content-Type': 'application/json' },
    });
    expect(garbage.status).toBe(400);
  });

  it('creates with data in one multipart request, already UploadComplete', async () => {
    const boundary = 'BOUNDARY';
    const body = [
      `--${boundary}`,
      'Content-Type: application/json',
      'Content-Disposition: form-data; name="job"',
      '',
      JSON.stringify({ object: 'Account', operation: 'insert' }),
      `--${boundary}`,
      'Content-Type: text/csv',
      'Content-Disposition: form-data; name="content"; filename="content"',
      '',
      'Name\nMultipart Co\n',
      `--${boundary}--`,
      '',
    ].join('\r\n');
    const res = await call(emu, 'POST', JOBS, {
      body,
      headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}` },
    });
    expect(res.status).toBe(200);
    const job = (await res.json()) as { id: string; state: string };
    expect(job.state).toBe('UploadComplete');
    expect(job).not.toHaveProperty('contentUrl');
    const { info } = await waitForTerminal(emu, 'ingest', job.id);
    expect(info.numberRecordsProcessed).toBe(1);
    expect(emu.org.records('Account').map((r) => r.Name)).toEqual(['Multipart Co']);
  });

  it('refuses multipart content over 100,000 characters', async () => {
    const csv = `Name\n${'x'.repeat(100_001)}\n`;
    const body = `--B\r\nContent-Type: application/json\r\nContent-Disposition: form-data; name="job"\r\n\r\n${JSON.stringify({ object: 'Account', operation: 'insert' })}\r\n--B\r\nContent-Type: text/csv\r\nContent-Disposition: form-data; name="content"; filename="content"\r\n\r\n${csv}\r\n--B--\r\n`;
    const res = await call(emu, 'POST', JOBS, { body, headers: { 'Content-Type': 'multipart/form-data; boundary=B' } });
    expect(res.status).toBe(400);
    expect(emu.jobs.list()).toHaveLength(0);
  });

  it('enforces the per-job upload limit measured base64-encoded', async () => {
    await emu.close();
    emu = await startBulkEmulator({ processing: 'instant', maxUploadBytes: 400 });
    const id = await createOpen(emu);
    const res = await upload(emu, id, `Name\n${'a'.repeat(310)}\n`);
    expect(res.status).toBe(400);
    expect(emu.jobs.get(id)?.hasUpload).toBe(false);
    expect((await upload(emu, id, 'Name\nsmall\n')).status).toBe(201);
  });
});
