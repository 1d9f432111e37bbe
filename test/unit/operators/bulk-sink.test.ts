import { lastValueFrom } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { bulkSink } from '../../../operators/bulk-sink.js';
import { SinkOverflowError } from '../../../src/errors/sink-overflow-error.js';
import { FakeBulkOrg } from '../../support/fake-bulk-org.js';

describe('bulkSink (marbles)', () => {
  it('paused by the org limit, the sink buffers; a full buffer is a SinkOverflowError', async () => {
    const ts = new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
    const org = new FakeBulkOrg(ts);
    org.used = org.limit - 5;
    const client = org.client();
    await lastValueFrom(client.limits()); // the client learns the org is nearly out of requests
    ts.run(({ cold, expectObservable }) => {
      const records = cold('-abcd', { a: { Name: 'A' }, b: { Name: 'B' }, c: { Name: 'C' }, d: { Name: 'D' } });
      const events = records.pipe(
        bulkSink(client.bulk, 'Account', { maxRecordsPerJob: 1, minRemainingApiCalls: 10, bufferSize: 2 }),
      );
      expectObservable(events).toBe(
        '-p--#',
        { p: { type: 'paused', reason: 'apiLimit', remaining: 4, min: 10 } },
        new SinkOverflowError(2),
      );
    });
    expect(org.jobs.size).toBe(0);
  });

  it('a job is cut maxWaitMs after its first record, on the scheduler: the cut meets the org limit at 100 ms', async () => {
    const ts = new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
    const org = new FakeBulkOrg(ts);
    org.used = org.limit - 5;
    const client = org.client();
    await lastValueFrom(client.limits());
    ts.run(({ cold, expectObservable }) => {
      const records = cold('a 49ms b', { a: { Name: 'A' }, b: { Name: 'B' } });
      const events = records.pipe(bulkSink(client.bulk, 'Account', { maxWaitMs: 100, minRemainingApiCalls: 10 }));
      expectObservable(events, '^ 150ms !').toBe('100ms p', {
        p: { type: 'paused', reason: 'apiLimit', remaining: 4, min: 10 },
      });
    });
    expect(org.jobs.size).toBe(0);
  });
});
