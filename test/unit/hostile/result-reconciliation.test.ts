import { Readable } from 'node:stream';
import { lastValueFrom, toArray } from 'rxjs';
import { ResultMismatchError } from '../../../src/errors/result-mismatch-error.js';
import { BASE, JOB_ID, jobInfo, mockClient } from '../../support/mock-salesforce.js';

const CSV = { 'content-type': 'text/csv; charset=UTF-8' };
const JOB = `${BASE}/jobs/ingest/${JOB_ID}`;
const ROWS = [
  { Name: 'Acme', Industry: 'Tech' },
  { Name: 'Globex', Industry: 'Energy' },
];

/** A job that runs to JobComplete; the test serves its three result files. */
function completedJob(files: { success: string | Readable; failed?: string; unprocessed?: string }) {
  const { client, mock } = mockClient();
  mock.onPost(`${BASE}/jobs/ingest`).replyOnce(200, jobInfo());
  mock.onPut(`${JOB}/batches`).replyOnce(201, '');
  mock.onPatch(JOB).replyOnce(200, jobInfo({ state: 'UploadComplete' }));
  mock.onGet(JOB).replyOnce(200, jobInfo({ state: 'JobComplete', numberRecordsProcessed: 2, numberRecordsFailed: 0 }));
  mock.onGet(`${JOB}/successfulResults`).replyOnce(200, files.success, CSV);
  mock.onGet(`${JOB}/failedResults`).replyOnce(200, files.failed ?? '"sf__Id","sf__Error",Name,Industry\n', CSV);
  mock.onGet(`${JOB}/unprocessedrecords`).replyOnce(200, files.unprocessed ?? 'Name,Industry\n', CSV);
  return { client, mock };
}

const success = (...rows: [string, string, string][]) =>
  '"sf__Id","sf__Created",Name,Industry\n' + rows.map(([id, n, i]) => `"${id}","true","${n}","${i}"\n`).join('');

async function mismatch(client: ReturnType<typeof mockClient>['client']): Promise<ResultMismatchError> {
  const error = await lastValueFrom(client.bulk.insert('Account', ROWS).pipe(toArray())).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ResultMismatchError);
  return error as ResultMismatchError;
}

describe('ingest result files must reconcile with the rows sent', () => {
  it('accepts files that answer every row once', async () => {
    const { client } = completedJob({
      success: success(['001xx0000000001AAA', 'Acme', 'Tech'], ['001xx0000000002AAA', 'Globex', 'Energy']),
    });
    const events = await lastValueFrom(client.bulk.insert('Account', ROWS).pipe(toArray()));
    const last = events[events.length - 1];
    expect(last?.type === 'result' && last.result.successCount).toBe(2);
  });

  it('refuses more result rows than rows sent, and still reports each input row once', async () => {
    const { client } = completedJob({
      success: success(
        ['001xx0000000001AAA', 'Acme', 'Tech'],
        ['001xx0000000002AAA', 'Globex', 'Energy'],
        ['001xx0000000003AAA', 'Acme', 'Tech'],
        ['001xx0000000004AAA', 'Initech', 'Tech'],
      ),
    });
    const error = await mismatch(client);
    expect(error.jobs).toEqual([{ jobId: JOB_ID, sent: 2, extraRows: true, unmatchedRows: 0 }]);
    expect(error.result.successCount + error.result.failedCount + error.result.unprocessedRecords.length).toBe(2);
    expect(error.result.successRecords.map((r) => r.inputIndex)).toEqual([0, 1]);
  });

  it('refuses a row answered twice: the repeat is set apart, the unanswered row is unprocessed', async () => {
    const { client } = completedJob({
      success: success(['001xx0000000001AAA', 'Acme', 'Tech'], ['001xx0000000001AAA', 'Acme', 'Tech']),
    });
    const error = await mismatch(client);
    expect(error.jobs).toEqual([{ jobId: JOB_ID, sent: 2, extraRows: false, unmatchedRows: 1 }]);
    expect(error.result.successRecords.map((r) => r.inputIndex)).toEqual([0]);
    expect(error.result.unprocessedRecords).toMatchObject([{ inputIndex: 1, missingFromResults: true }]);
    expect(error.unmatchedRows).toMatchObject([{ matched: false, fields: { Name: 'Acme' } }]);
    expect(error.message).toMatch(/1 result rows that match no input row or repeat one/);
  });

  it('refuses a row nobody sent', async () => {
    const { client } = completedJob({
      success: success(['001xx0000000001AAA', 'Acme', 'Tech']),
      failed: '"sf__Id","sf__Error",Name,Industry\n"","X:y","Hooli","Tech"\n',
    });
    const error = await mismatch(client);
    expect(error.jobs[0]?.unmatchedRows).toBe(1);
    expect(error.result.failedCount).toBe(0);
    expect(error.result.unprocessedRecords.map((r) => r.inputIndex)).toEqual([1]);
  });

  it('stops reading an endless result file at the row count, with memory flat', async () => {
    let produced = 0;
    const endless = new Readable({
      read() {
        if (produced === 0) this.push('"sf__Id","sf__Created",Name,Industry\n');
        let chunk = '';
        for (let i = 0; i < 1000; i++)
          chunk += `"001xx${String(produced++).padStart(10, '0')}AAA","true","Acme","Tech"\n`;
        this.push(chunk);
      },
    });
    const { client, mock } = completedJob({ success: endless });
    const error = await mismatch(client);
    expect(error.jobs[0]?.extraRows).toBe(true);
    expect(produced).toBeLessThan(100_000);
    expect(endless.destroyed).toBe(true);
    // past the row count every further row is extra: the other files are not read
    expect(mock.history.filter((h) => String(h.url).endsWith('/unprocessedrecords'))).toHaveLength(0);
  });
});
