import { lastValueFrom, Subject, toArray } from 'rxjs';
import { cancelOn, progress } from '../../../../operators/index.js';
import { BASE, JOB_ID, jobInfo, mockClient } from '../../../support/mock-salesforce.js';

const JOB = `${BASE}/jobs/ingest/${JOB_ID}`;

describe('the last snapshot after an abort carries the server counts', () => {
  it('cancelOn + progress end on the counts read back after the abort, not on the last poll', async () => {
    const { client, mock } = mockClient();
    mock.onPost(`${BASE}/jobs/ingest`).replyOnce(200, jobInfo());
    mock.onPut(`${JOB}/batches`).replyOnce(201, '');
    mock.onPatch(JOB).replyOnce(200, jobInfo({ state: 'UploadComplete' }));
    let aborted = false;
    // polls see 4,250 processed; the server has processed 7,000 by the time the abort lands
    mock
      .onGet(JOB)
      .reply(() =>
        aborted
          ? [200, jobInfo({ state: 'Aborted', numberRecordsProcessed: 7000, numberRecordsFailed: 3 })]
          : [200, jobInfo({ state: 'InProgress', numberRecordsProcessed: 4250 })],
      );
    // the abort's answer has no counters, as Salesforce's PATCH answer
    mock.onPatch(JOB).replyOnce(() => {
      aborted = true;
      return [200, { id: JOB_ID, state: 'Aborted', object: 'Account', operation: 'insert' }];
    });
    const cancel = new Subject<void>();
    const rows = Array.from({ length: 25 }, (_, i) => ({ Name: `A${i}` }));
    const seen = lastValueFrom(client.bulk.insert('Account', rows).pipe(cancelOn(cancel), progress(), toArray()));
    // cancel once the first poll has been seen
    await new Promise<void>((resolve) => {
      const check = setInterval(() => {
        if (mock.history.filter((h) => h.method === 'get').length >= 1) {
          clearInterval(check);
          resolve();
        }
      }, 1);
    });
    cancel.next();
    const updates = await seen;
    expect(updates.find((u) => u.state === 'InProgress')).toMatchObject({ processed: 4250 });
    expect(updates[updates.length - 1]).toMatchObject({ state: 'Aborted', processed: 7000, failed: 3 });
    await client.whenSettled();
  });
});
