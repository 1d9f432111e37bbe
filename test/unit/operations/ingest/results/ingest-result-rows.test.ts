import { lastValueFrom, toArray } from 'rxjs';
import { ResponseValidationError } from '../../../../../src/errors/response-validation-error.js';
import { streamIngestResults } from '../../../../../src/operations/ingest/results/ingest-result-rows.js';
import { chunked, CSV_HEADERS, finishedJob, mockApi, resultUrl } from './result-files-mock.js';

// streamIngestResults: the result files of a job as batches of records (SuccessRecord, FailedRecord,
// UnprocessedRecord), parsed as the bytes arrive.

const JOB = finishedJob();

describe('streamIngestResults', () => {
  it('reads success, failed and unprocessed, one after another, as records of the job', async () => {
    const { api, mock } = mockApi();
    mock
      .onGet(resultUrl(JOB, 'successfulResults'))
      .replyOnce(200, 'sf__Id,sf__Created,Name\n001A,true,a\n001B,false,b\n', CSV_HEADERS);
    mock
      .onGet(resultUrl(JOB, 'failedResults'))
      .replyOnce(200, 'sf__Id,sf__Error,Name\n,REQUIRED_FIELD_MISSING:Name missing:Name --,\n', CSV_HEADERS);
    mock.onGet(resultUrl(JOB, 'unprocessedrecords')).replyOnce(200, 'Name\nd\n', CSV_HEADERS);
    const batches = await lastValueFrom(streamIngestResults(api, JOB).pipe(toArray()));
    expect(batches).toEqual([
      {
        kind: 'success',
        rows: [
          { jobId: JOB.id, id: '001A', created: true, fields: { Name: 'a' } },
          { jobId: JOB.id, id: '001B', created: false, fields: { Name: 'b' } },
        ],
      },
      {
        kind: 'failed',
        rows: [
          {
            jobId: JOB.id,
            id: null,
            error: { statusCode: 'REQUIRED_FIELD_MISSING', message: 'Name missing', fields: ['Name'] },
            rawError: 'REQUIRED_FIELD_MISSING:Name missing:Name --',
            fields: { Name: '' },
          },
        ],
      },
      { kind: 'unprocessed', rows: [{ jobId: JOB.id, fields: { Name: 'd' } }] },
    ]);
  });

  it('reads only the files asked for, in the order asked', async () => {
    const { api, mock } = mockApi();
    mock.onGet(resultUrl(JOB, 'unprocessedrecords')).replyOnce(200, 'Name\nd\n', CSV_HEADERS);
    mock.onGet(resultUrl(JOB, 'successfulResults')).replyOnce(200, 'sf__Id,sf__Created\n001A,true\n', CSV_HEADERS);
    const batches = await lastValueFrom(streamIngestResults(api, JOB, ['unprocessed', 'success']).pipe(toArray()));
    expect(batches.map((b) => b.kind)).toEqual(['unprocessed', 'success']);
    expect(mock.history.length).toBe(2);
  });

  it("parses with the job's delimiter and line ending, a batch per chunk", async () => {
    const { api, mock } = mockApi();
    const job = finishedJob({ columnDelimiter: 'SEMICOLON', lineEnding: 'CRLF' });
    const body = chunked(['Name;Note\r\na,b;c\r\n', 'd;e\r\n']);
    mock.onGet(resultUrl(job, 'unprocessedrecords')).replyOnce(200, body, CSV_HEADERS);
    const batches = await lastValueFrom(streamIngestResults(api, job, ['unprocessed']).pipe(toArray()));
    expect(batches).toEqual([
      { kind: 'unprocessed', rows: [{ jobId: job.id, fields: { Name: 'a,b', Note: 'c' } }] },
      { kind: 'unprocessed', rows: [{ jobId: job.id, fields: { Name: 'd', Note: 'e' } }] },
    ]);
  });

  it('refuses a successful-results file whose rows have no sf__Id', async () => {
    const { api, mock } = mockApi();
    mock.onGet(resultUrl(JOB, 'successfulResults')).replyOnce(200, 'Name\na\n', CSV_HEADERS);
    await expect(lastValueFrom(streamIngestResults(api, JOB, ['success']))).rejects.toThrow(ResponseValidationError);
  });

  it("fails when a field is over the client's maxFieldChars", async () => {
    const { api, mock } = mockApi({ maxFieldChars: 5 });
    mock.onGet(resultUrl(JOB, 'unprocessedrecords')).replyOnce(200, 'Name\nabcdefgh\n', CSV_HEADERS);
    await expect(lastValueFrom(streamIngestResults(api, JOB, ['unprocessed']))).rejects.toThrow(/maxFieldChars/);
  });
});
