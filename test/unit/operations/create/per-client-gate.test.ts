import axios from 'axios';
import MockAdapter from 'axios-mock-adapter';
import { firstValueFrom, lastValueFrom, toArray } from 'rxjs';
import { AccessTokenAuthenticator } from '../../../../src/auth/access-token.js';
import { SalesforceClient } from '../../../../src/client/salesforce-client.js';
import { axiosTransport } from '../../../../src/http/axios-transport.js';
import { fixedPolling } from '../../../../src/poller/poll-policy.js';
import { jobInfo } from '../../../support/mock-salesforce.js';

const TOKEN = '00D000000000001!AQ8AQFakeTokenForTests1234567890';

/** A client of its own org, over a mock that lets a test hold the answer to one request. */
function orgClient(instanceUrl: string) {
  const instance = axios.create();
  const mock = new MockAdapter(instance, { onNoMatch: 'throwException' });
  const client = new SalesforceClient({
    auth: new AccessTokenAuthenticator({ instanceUrl, accessToken: TOKEN }),
    transport: axiosTransport({ instance }),
    pollPolicy: fixedPolling(1),
    retryPolicy: { maxRetries: 1, initialDelayMs: 1, maxDelayMs: 1, jitter: 0 },
  });
  return { client, mock, base: `${instanceUrl}/services/data/v66.0` };
}

const posts = (mock: MockAdapter) => mock.history.filter((h) => h.method === 'post').length;

describe('job creation gates belong to a client and its org', () => {
  it.each([
    ['on another org', 'https://b.my.salesforce.com'],
    ['on the same org', 'https://a.my.salesforce.com'],
  ])(
    'a client %s creates its job while another client searches for an ambiguously created one',
    async (_name, bUrl) => {
      const a = orgClient('https://a.my.salesforce.com');
      const b = orgClient(bUrl);
      // A's create fails after it may have reached the server: A then lists jobs, and that listing hangs
      a.mock.onPost(`${a.base}/jobs/ingest`).replyOnce(503, '');
      let releaseListing: () => void = () => undefined;
      const listingHeld = new Promise<void>((resolve) => (releaseListing = resolve));
      let listingStarted: () => void = () => undefined;
      const searching = new Promise<void>((resolve) => (listingStarted = resolve));
      a.mock.onGet(/\/jobs\/ingest\?jobType=V2Ingest/).reply(async () => {
        listingStarted();
        await listingHeld;
        return [200, { done: true, records: [], nextRecordsUrl: null }];
      });
      a.mock.onPost(`${a.base}/jobs/ingest`).reply(200, jobInfo({ id: '7505f000000000AAAA' }));
      const aRun = lastValueFrom(a.client.bulk.insert('Account', [{ Name: 'A' }], { wait: false }).pipe(toArray()));
      a.mock.onPut(/batches$/).reply(201, '');
      a.mock.onPatch(/jobs\/ingest\//).reply(200, jobInfo({ id: '7505f000000000AAAA', state: 'UploadComplete' }));
      await searching;

      // B's creation must not wait for A's search
      b.mock.onPost(`${b.base}/jobs/ingest`).reply(200, jobInfo({ id: '7505f000000000BBBB' }));
      const bCreated = firstValueFrom(b.client.bulk.insert('Account', [{ Name: 'B' }], { wait: false }));
      const first = await bCreated;
      expect(first.job.id).toBe('7505f000000000BBBB');
      expect(posts(b.mock)).toBe(1);
      expect(posts(a.mock)).toBe(1); // A is still searching

      releaseListing();
      const aEvents = await aRun;
      expect(aEvents.map((e) => e.job.state)).toEqual(['Open', 'UploadComplete']);
      await Promise.all([a.client.whenSettled(), b.client.whenSettled()]);
    },
  );

  it("within one client, a search still holds back that client's later creations on the org", async () => {
    const a = orgClient('https://a.my.salesforce.com');
    a.mock.onPost(`${a.base}/jobs/ingest`).replyOnce(503, '');
    let releaseListing: () => void = () => undefined;
    const listingHeld = new Promise<void>((resolve) => (releaseListing = resolve));
    let listingStarted: () => void = () => undefined;
    const searching = new Promise<void>((resolve) => (listingStarted = resolve));
    a.mock.onGet(/\/jobs\/ingest\?jobType=V2Ingest/).reply(async () => {
      listingStarted();
      await listingHeld;
      return [200, { done: true, records: [], nextRecordsUrl: null }];
    });
    a.mock.onPost(`${a.base}/jobs/ingest`).reply(200, jobInfo());
    a.mock.onPut(/batches$/).reply(201, '');
    a.mock.onPatch(/jobs\/ingest\//).reply(200, jobInfo({ state: 'UploadComplete' }));
    const first = lastValueFrom(a.client.bulk.insert('Account', [{ Name: 'A' }], { wait: false }));
    await searching;
    const second = lastValueFrom(a.client.bulk.insert('Account', [{ Name: 'A2' }], { wait: false }));
    await new Promise((resolve) => setImmediate(resolve));
    expect(posts(a.mock)).toBe(1); // the second creation waits for the search
    releaseListing();
    await Promise.all([first, second]);
    expect(posts(a.mock)).toBe(3);
    await a.client.whenSettled();
  });
});
