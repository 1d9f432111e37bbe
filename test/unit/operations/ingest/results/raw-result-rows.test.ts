import { Readable } from 'node:stream';
import { firstValueFrom, lastValueFrom, map, toArray } from 'rxjs';
import { utf8RowValues } from '../../../../../src/csv/utf8-csv-rows.js';
import { ResponseLimitError } from '../../../../../src/errors/response-limit-error.js';
import { streamRawResults, type RawResultBatch } from '../../../../../src/operations/ingest/results/raw-result-rows.js';
import { chunked, CSV_HEADERS, finishedJob, mockApi, resultUrl, splitAt, stalledBody } from './result-files-mock.js';

// streamRawResults: the result files of a job as batches of raw rows, parsed as the bytes arrive.

const JOB = finishedJob();

/** A batch with its rows as strings (the scanned bytes decoded), to compare. */
function plain(batch: RawResultBatch): { kind: string; header: readonly string[]; rows: string[][] } {
  const rows = Array.from({ length: batch.rows.count }, (_, r) => utf8RowValues(batch.rows, r));
  return { kind: batch.kind, header: batch.header, rows };
}

describe('streamRawResults', () => {
  it('reads success, failed and unprocessed, one after another, each row with its file and header', async () => {
    const { api, mock } = mockApi();
    mock
      .onGet(resultUrl(JOB, 'successfulResults'))
      .replyOnce(200, 'sf__Id,sf__Created,Name\n001A,true,a\n', CSV_HEADERS);
    mock.onGet(resultUrl(JOB, 'failedResults')).replyOnce(200, 'sf__Id,sf__Error,Name\n,BAD:bad --,b\n', CSV_HEADERS);
    mock.onGet(resultUrl(JOB, 'unprocessedrecords')).replyOnce(200, 'Name\nc\nd\n', CSV_HEADERS);
    const batches = await lastValueFrom(streamRawResults(api, JOB).pipe(map(plain), toArray()));
    expect(batches).toEqual([
      { kind: 'success', header: ['sf__Id', 'sf__Created', 'Name'], rows: [['001A', 'true', 'a']] },
      { kind: 'failed', header: ['sf__Id', 'sf__Error', 'Name'], rows: [['', 'BAD:bad --', 'b']] },
      { kind: 'unprocessed', header: ['Name'], rows: [['c'], ['d']] },
    ]);
  });

  it('reads only the files asked for', async () => {
    const { api, mock } = mockApi();
    mock.onGet(resultUrl(JOB, 'failedResults')).replyOnce(200, 'sf__Id,sf__Error,Name\n,BAD:bad --,b\n', CSV_HEADERS);
    const batches = await lastValueFrom(streamRawResults(api, JOB, ['failed']).pipe(map(plain), toArray()));
    expect(batches.map((b) => b.kind)).toEqual(['failed']);
    expect(mock.history.length).toBe(1);
  });

  it("parses with the job's delimiter and line ending", async () => {
    const { api, mock } = mockApi();
    const job = finishedJob({ columnDelimiter: 'PIPE', lineEnding: 'CRLF' });
    mock.onGet(resultUrl(job, 'unprocessedrecords')).replyOnce(200, 'Name|Note\r\na,b|c\r\n', CSV_HEADERS);
    const batches = await lastValueFrom(streamRawResults(api, job, ['unprocessed']).pipe(map(plain), toArray()));
    expect(batches).toEqual([{ kind: 'unprocessed', header: ['Name', 'Note'], rows: [['a,b', 'c']] }]);
  });

  it('emits the rows each chunk completes, never an empty batch, and joins a character split between chunks', async () => {
    const { api, mock } = mockApi();
    const text = 'Name\nZoë\nAl\n';
    // header and "Zo" + the first byte of "ë"; then its second byte and the rest
    mock.onGet(resultUrl(JOB, 'unprocessedrecords')).replyOnce(200, chunked(splitAt(text, 8)), CSV_HEADERS);
    const batches = await lastValueFrom(streamRawResults(api, JOB, ['unprocessed']).pipe(map(plain), toArray()));
    expect(batches).toEqual([{ kind: 'unprocessed', header: ['Name'], rows: [['Zoë'], ['Al']] }]);
  });

  it('gives the rows of every chunk as they come, the last one without a line ending too', async () => {
    const { api, mock } = mockApi();
    mock.onGet(resultUrl(JOB, 'unprocessedrecords')).replyOnce(200, chunked(['Name\na\n', 'b\nc']), CSV_HEADERS);
    const batches = await lastValueFrom(streamRawResults(api, JOB, ['unprocessed']).pipe(map(plain), toArray()));
    expect(batches.map((b) => b.rows)).toEqual([[['a']], [['b']], [['c']]]);
  });

  it('emits nothing for an empty file, or one with only its header', async () => {
    const { api, mock } = mockApi();
    mock.onGet(resultUrl(JOB, 'successfulResults')).replyOnce(200, 'sf__Id,sf__Created,Name\n', CSV_HEADERS);
    mock.onGet(resultUrl(JOB, 'failedResults')).replyOnce(200, '', CSV_HEADERS);
    mock.onGet(resultUrl(JOB, 'unprocessedrecords')).replyOnce(200, 'Name\na\n', CSV_HEADERS);
    const batches = await lastValueFrom(streamRawResults(api, JOB).pipe(map(plain), toArray()));
    expect(batches).toEqual([{ kind: 'unprocessed', header: ['Name'], rows: [['a']] }]);
  });

  it("fails when a field is over the client's maxFieldChars", async () => {
    const { api, mock } = mockApi({ maxFieldChars: 5 });
    mock.onGet(resultUrl(JOB, 'unprocessedrecords')).replyOnce(200, 'Name\nabcdefgh\n', CSV_HEADERS);
    await expect(lastValueFrom(streamRawResults(api, JOB, ['unprocessed']))).rejects.toThrow(ResponseLimitError);
  });

  it('fails with the error of a body that breaks off', async () => {
    const { api, mock } = mockApi();
    const body = new Readable({
      read() {
        this.destroy(new Error('socket hang up'));
      },
    });
    mock.onGet(resultUrl(JOB, 'unprocessedrecords')).replyOnce(200, body, CSV_HEADERS);
    await expect(lastValueFrom(streamRawResults(api, JOB, ['unprocessed']))).rejects.toThrow('socket hang up');
  });

  it('unsubscribing stops the download at once, even while a read is pending', async () => {
    const { api, mock } = mockApi();
    const body = stalledBody('Name\na\nb');
    mock.onGet(resultUrl(JOB, 'unprocessedrecords')).replyOnce(200, body, CSV_HEADERS);
    const first: RawResultBatch = await firstValueFrom(streamRawResults(api, JOB, ['unprocessed']));
    expect(plain(first).rows).toEqual([['a']]);
    expect(body.destroyed).toBe(true);
  });
});
