import { filter, interval, lastValueFrom, take, tap, toArray, type Observable } from 'rxjs';
import { toResult } from '../../operators/to-result.js';
import type { CachedAuthenticator } from '../../src/auth/cached-authenticator.js';
import type { BulkResult } from '../../src/models/bulk-result.js';
import type { BulkEvent } from '../../src/operations/shared/bulk-event.js';
import type { BulkEmulatorOptions } from '../../src/testing/options.js';
import {
  accountNames,
  accounts,
  generateRsaKeyPair,
  startAuthFixture,
  type AuthFixture,
  type FlowName,
} from '../support/auth-fixture.js';
import { RequestTriggers } from '../support/request-triggers.js';
import { SecretWitness, type SecretKind } from '../support/secret-witness.js';

// one witness for the whole file: the last test checks every log line and error of the others
const witness = new SecretWitness();
const keys = generateRsaKeyPair();
/** Slow enough that a 200-row job is polled several times (about 200 ms of processing). */
const SLOW: BulkEmulatorOptions = { processing: { recordsPerSecond: 1000, tickMs: 10 } };

let fx: AuthFixture | undefined;
afterEach(async () => {
  await fx?.close();
  fx = undefined;
});

async function start(options: BulkEmulatorOptions = {}): Promise<AuthFixture> {
  fx = await startAuthFixture(witness, keys, options);
  return fx;
}

const run = (op: Observable<BulkEvent<BulkResult>>): Promise<BulkResult> => lastValueFrom(op.pipe(toResult()));

/** The job completed, and the org holds every input row exactly once. */
function expectEachRowOnce(f: AuthFixture, result: BulkResult, prefix: string, n: number): void {
  expect(result.job.state).toBe('JobComplete');
  expect(result.successCount).toBe(n);
  expect(result.failedCount).toBe(0);
  expect(new Set(result.successRecords.map((record) => record.id)).size).toBe(n);
  const names = accountNames(f.emulator, prefix);
  expect(names).toHaveLength(n);
  expect(names).toEqual(
    accounts(prefix, n)
      .map((row) => row.Name)
      .sort(),
  );
  // the job was created once: a create refused with 401 made nothing
  expect(f.emulator.jobs.list().filter((job) => job.kind === 'ingest')).toHaveLength(1);
}

describe('a token that expires in the middle of an ingest job', () => {
  // [SDK route, which request of that route meets the expired token, flow]
  const cases: readonly (readonly [string, number, FlowName])[] = [
    ['ingest.create', 1, 'client credentials'],
    ['ingest.upload', 1, 'JWT bearer'],
    ['ingest.close', 1, 'client credentials'],
    ['ingest.get', 2, 'JWT bearer'],
    ['ingest.successfulResults', 1, 'client credentials'],
    ['ingest.failedResults', 1, 'JWT bearer'],
    ['ingest.unprocessedrecords', 1, 'client credentials'],
  ];

  it.each(cases)(
    'expired before %s #%d (%s): one refresh, the request is resent, each row lands once',
    async (route, nth, flow) => {
      // only polling needs a job that takes a while
      const f = await start(route === 'ingest.get' ? SLOW : {});
      const triggers = new RequestTriggers();
      triggers.before(route, nth, () => f.emulator.expireTokens());
      const auth = f.auth(flow) as CachedAuthenticator;
      const result = await run(
        f.client(auth, { onDebug: triggers.onDebug }).bulk.insert('Account', accounts('exp', 200)),
      );
      expect(triggers.allFired).toBe(true);
      expectEachRowOnce(f, result, 'exp', 200);
      // exactly one request was refused, the one that met the expired token; its resend went through
      expect(triggers.refused(route)).toBe(1);
      expect(triggers.totalRefused).toBe(1);
      expect(triggers.sent(route)).toBeGreaterThanOrEqual(nth + 1);
      expect(triggers.refreshes).toBe(1);
      expect(auth.tokenRequests).toBe(2);
      expect(f.tokenCalls()).toBe(2);
    },
  );

  it('expired while the upload is held up by latency: the upload is refused and resent whole', async () => {
    const f = await start();
    const triggers = new RequestTriggers();
    f.emulator.faults.next('ingest.upload', 1, { kind: 'latency', ms: 250 });
    // once the server holds the upload (it checks the token after the delay), expire every token
    const expireWhileHeld = interval(5)
      .pipe(
        filter(() => f.calls('ingest.upload', 'PUT') >= 1),
        take(1),
      )
      .subscribe(() => f.emulator.expireTokens());
    try {
      const auth = f.auth('client credentials') as CachedAuthenticator;
      const result = await run(
        f.client(auth, { onDebug: triggers.onDebug }).bulk.insert('Account', accounts('held', 150)),
      );
      expectEachRowOnce(f, result, 'held', 150);
      expect(f.calls('ingest.upload', 'PUT')).toBe(2);
      expect(triggers.refused('ingest.upload')).toBe(1);
      expect(triggers.totalRefused).toBe(1);
      const job = f.emulator.jobs.list()[0];
      const csv = f.emulator.jobs.uploadedCsv(job?.id ?? '') ?? '';
      expect(csv.trim().split('\n')).toHaveLength(151);
      expect(triggers.refreshes).toBe(1);
      expect(auth.tokenRequests).toBe(2);
      expect(f.tokenCalls()).toBe(2);
    } finally {
      expireWhileHeld.unsubscribe();
    }
  });

  it('expired as the job is created: the upload is the first call to meet it', async () => {
    const f = await start();
    const triggers = new RequestTriggers();
    const auth = f.auth('JWT bearer') as CachedAuthenticator;
    let expired = 0;
    const onProgress = (job: { state: string }): void => {
      if (job.state === 'Open' && expired === 0) {
        expired += 1;
        f.emulator.expireTokens();
      }
    };
    const result = await run(
      f.client(auth, { onDebug: triggers.onDebug }).bulk.insert('Account', accounts('first', 120), { onProgress }),
    );
    expect(expired).toBe(1);
    expectEachRowOnce(f, result, 'first', 120);
    expect(triggers.sent('ingest.create')).toBe(1);
    expect(triggers.sent('ingest.upload')).toBe(2);
    expect(triggers.refused('ingest.upload')).toBe(1);
    expect(triggers.totalRefused).toBe(1);
    expect(f.tokenCalls()).toBe(2);
  });

  it('expired twice in one job (before the upload and between polls): one refresh per expiry', async () => {
    const f = await start(SLOW);
    const triggers = new RequestTriggers();
    triggers.before('ingest.upload', 1, () => f.emulator.expireTokens());
    triggers.before('ingest.get', 2, () => f.emulator.expireTokens());
    const auth = f.auth('client credentials') as CachedAuthenticator;
    const result = await run(
      f.client(auth, { onDebug: triggers.onDebug }).bulk.insert('Account', accounts('twice', 200)),
    );
    expect(triggers.allFired).toBe(true);
    expectEachRowOnce(f, result, 'twice', 200);
    expect(triggers.refused('ingest.upload')).toBe(1);
    expect(triggers.refused('ingest.get')).toBe(1);
    expect(triggers.refreshes).toBe(2);
    expect(f.tokenCalls()).toBe(3);
  });

  it('tokens that age out on their own (tokenLifetimeMs) during a long job: each 401 costs one refresh', async () => {
    const f = await start({ processing: { recordsPerSecond: 400, tickMs: 20 }, tokenLifetimeMs: 250 });
    const triggers = new RequestTriggers();
    const auth = f.auth('client credentials') as CachedAuthenticator;
    const result = await run(
      f.client(auth, { onDebug: triggers.onDebug }).bulk.insert('Account', accounts('aged', 200)),
    );
    expectEachRowOnce(f, result, 'aged', 200);
    expect(triggers.refreshes).toBeGreaterThanOrEqual(1);
    expect(triggers.totalRefused).toBe(triggers.refreshes);
    expect(f.tokenCalls()).toBe(1 + triggers.refreshes);
    expect(auth.tokenRequests).toBe(f.tokenCalls());
  });
});

describe('a token that expires in the middle of a query', () => {
  it('between result pages: every row arrives exactly once, one refresh per expiry', async () => {
    const f = await start();
    const ids = f.emulator.org.insert('Account', accounts('page', 250));
    const triggers = new RequestTriggers();
    const auth = f.auth('client credentials') as CachedAuthenticator;
    let seen = 0;
    const rows = await lastValueFrom(
      f
        .client(auth, { onDebug: triggers.onDebug })
        .bulk.queryRecords('SELECT Id, Name FROM Account', { maxRecords: 100 })
        .pipe(
          tap(() => {
            seen += 1;
            // pages are pulled only when the previous one is consumed: expire after pages 1 and 2
            if (seen === 100 || seen === 200) f.emulator.expireTokens();
          }),
          toArray(),
        ),
    );
    expect(rows).toHaveLength(250);
    expect(new Set(rows.map((row) => row.Id))).toEqual(new Set(ids));
    expect(rows.map((row) => row.Name).sort()).toEqual(
      accounts('page', 250)
        .map((row) => row.Name)
        .sort(),
    );
    // three pages, two of them asked twice
    expect(triggers.sent('query.results')).toBe(5);
    expect(f.calls('query.results', 'GET')).toBe(5);
    expect(triggers.refused('query.results')).toBe(2);
    expect(triggers.totalRefused).toBe(2);
    expect(triggers.refreshes).toBe(2);
    expect(auth.tokenRequests).toBe(3);
    expect(f.tokenCalls()).toBe(3);
  });

  it('while result pages download in parallel: the pages that met it share one refresh', async () => {
    const f = await start({ queryPageSize: 100 });
    const ids = f.emulator.org.insert('Account', accounts('par', 1000));
    const triggers = new RequestTriggers();
    triggers.before('query.results', 1, () => f.emulator.expireTokens());
    const auth = f.auth('client credentials') as CachedAuthenticator;
    const rows = await lastValueFrom(
      f
        .client(auth, { onDebug: triggers.onDebug })
        .bulk.queryRecords('SELECT Id FROM Account', { parallel: 4 })
        .pipe(toArray()),
    );
    expect(triggers.allFired).toBe(true);
    expect(rows).toHaveLength(1000);
    expect(new Set(rows.map((row) => row.Id))).toEqual(new Set(ids));
    // the first downloads went out together with the expired token; each refused page was asked again
    expect(triggers.refused('query.results')).toBeGreaterThanOrEqual(2);
    expect(triggers.sent('query.results')).toBe(10 + triggers.refused('query.results'));
    expect(triggers.refreshes).toBe(triggers.totalRefused);
    expect(f.tokenCalls()).toBe(2);
  });

  it('while polling a query job', async () => {
    const f = await start(SLOW);
    f.emulator.org.insert('Account', accounts('qpoll', 200));
    const triggers = new RequestTriggers();
    triggers.before('query.get', 1, () => f.emulator.expireTokens());
    const auth = f.auth('JWT bearer') as CachedAuthenticator;
    const rows = await lastValueFrom(
      f.client(auth, { onDebug: triggers.onDebug }).bulk.queryRecords('SELECT Id FROM Account').pipe(toArray()),
    );
    expect(triggers.allFired).toBe(true);
    expect(new Set(rows.map((row) => row.Id)).size).toBe(200);
    expect(triggers.sent('query.get')).toBeGreaterThanOrEqual(2);
    expect(triggers.refused('query.get')).toBe(1);
    expect(triggers.totalRefused).toBe(1);
    expect(triggers.refreshes).toBe(1);
    expect(f.tokenCalls()).toBe(2);
  });
});

describe('single-flight refresh', () => {
  const OPS = 12;

  /** Half inserts (each with its own prefix), half queries, all started in the same tick. */
  function concurrentOps(client: ReturnType<AuthFixture['client']>): Promise<unknown[]> {
    return Promise.all(
      Array.from({ length: OPS }, (_, i) =>
        i % 2 === 0
          ? run(client.bulk.insert('Account', accounts(`op${i}`, 5)))
          : lastValueFrom(client.bulk.queryRecords('SELECT Id FROM Account').pipe(toArray())),
      ),
    );
  }

  function expectInsertsOnce(f: AuthFixture): void {
    for (let i = 0; i < OPS; i += 2)
      expect(accountNames(f.emulator, `op${i}`)).toEqual(accounts(`op${i}`, 5).map((row) => row.Name));
  }

  it('many operations starting without a session share one token request', async () => {
    const f = await start();
    const auth = f.auth('JWT bearer') as CachedAuthenticator;
    await concurrentOps(f.client(auth));
    expectInsertsOnce(f);
    expect(f.tokenCalls()).toBe(1);
    expect(auth.tokenRequests).toBe(1);
  });

  it('many operations meeting an expired token at once trigger one refresh', async () => {
    const f = await start();
    const triggers = new RequestTriggers();
    const auth = f.auth('JWT bearer') as CachedAuthenticator;
    const client = f.client(auth, { onDebug: triggers.onDebug });
    await run(client.bulk.insert('Account', accounts('warm', 1)));
    expect(f.tokenCalls()).toBe(1);
    f.emulator.expireTokens();
    // a slow token endpoint keeps the refresh in flight while the other 401s arrive
    f.emulator.faults.next('oauth.token', 1, { kind: 'latency', ms: 100 });
    await concurrentOps(client);
    expectInsertsOnce(f);
    // every operation met the expired token...
    expect(triggers.totalRefused).toBe(OPS);
    expect(triggers.refreshes).toBe(OPS);
    // ...and the token endpoint saw one refresh
    expect(f.tokenCalls()).toBe(2);
    expect(auth.tokenRequests).toBe(2);
  });

  it('a late 401 from a slow request does not throw away the token that was already renewed', async () => {
    const f = await start();
    const triggers = new RequestTriggers();
    const auth = f.auth('client credentials') as CachedAuthenticator;
    const client = f.client(auth, { onDebug: triggers.onDebug });
    await run(client.bulk.insert('Account', accounts('warm', 1)));
    f.emulator.expireTokens();
    // the query's create is held long enough for the insert to refresh and go on first
    f.emulator.faults.next('query.create', 1, { kind: 'latency', ms: 150 });
    const [inserted, rows] = await Promise.all([
      run(client.bulk.insert('Account', accounts('fast', 3))),
      lastValueFrom(client.bulk.queryRecords('SELECT Id FROM Account').pipe(toArray())),
    ]);
    expect(inserted.successCount).toBe(3);
    expect(rows.length).toBeGreaterThanOrEqual(1);
    expect(accountNames(f.emulator, 'fast')).toEqual(accounts('fast', 3).map((row) => row.Name));
    expect(triggers.refused('ingest.create')).toBe(1);
    expect(triggers.refused('query.create')).toBe(1);
    // the query's 401 named the old token: it resends with the insert's new one, no third token
    expect(f.tokenCalls()).toBe(2);
    expect(auth.tokenRequests).toBe(2);
  });
});

describe('secret hygiene over the flows above', () => {
  it('no access token, client secret, assertion or private key reached a log line or an error', () => {
    const seen = witness.seen;
    // the check is only worth something if the jobs above ran and were recorded
    expect(seen.logs).toBeGreaterThan(200);
    const kinds: SecretKind[] = ['access token', 'client secret', 'private key', 'jwt assertion'];
    expect(kinds.filter((kind) => (seen.secrets.get(kind) ?? 0) === 0)).toEqual([]);
    expect(seen.secrets.get('access token')).toBeGreaterThan(20);
    expect(witness.leaks()).toEqual([]);
  });
});
