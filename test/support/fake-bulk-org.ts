import { defer, from, type SchedulerLike, type VirtualTimeScheduler } from 'rxjs';
import { AccessTokenAuthenticator } from '../../src/auth/access-token.js';
import { SalesforceClient } from '../../src/client/salesforce-client.js';
import type { SalesforceClientOptions } from '../../src/client/client-options.js';
import type { ByteStream, HttpRequest, HttpResponse, Transport } from '../../src/http/transport.js';
import { fixedPolling } from '../../src/poller/poll-policy.js';

const INSTANCE = 'https://fake.my.salesforce.com';
const TOKEN = '00D000000000001!AQ8AQFakeSinkTokenForTests1234567890';

/** One ingest job as the fake org knows it. */
export interface FakeJob {
  readonly id: string;
  state: string;
  /** The uploaded CSV, header first, as received. */
  csv: string;
  /** Its size in UTF-8 bytes. */
  bytes: number;
  /** Data lines of the upload. */
  rows: string[];
  readonly createdAt: number;
}

/**
 * A tiny in-memory Bulk API 2.0 org behind a `Transport`, answering in microtasks: no socket,
 * no timer, so a client on a `VirtualTimeScheduler` runs hours of polling in a blink. Ingest
 * jobs finish when closed (every row succeeds); `Sforce-Limit-Info` reports `used`/`limit`,
 * which a test may change; `/limits` answers the same.
 */
export class FakeBulkOrg {
  readonly jobs = new Map<string, FakeJob>();
  used = 0;
  limit = 1_000_000;
  /** Result files read. */
  resultReads = 0;
  /** Abort requests received. */
  aborts = 0;
  /** `never`: a closed job stays `InProgress` (to test what happens to open jobs). */
  processing: 'instant' | 'never' = 'instant';
  /** Most jobs Open, UploadComplete or InProgress at the same time. */
  peakOpen = 0;
  private next = 1;

  constructor(private readonly scheduler: SchedulerLike) {}

  readonly transport: Transport = (request) => defer(() => from(this.handle(request)));

  /** A client over this org on the given scheduler. */
  client(options: Partial<SalesforceClientOptions> = {}): SalesforceClient {
    return new SalesforceClient({
      auth: new AccessTokenAuthenticator({ instanceUrl: INSTANCE, accessToken: TOKEN }),
      transport: this.transport,
      scheduler: this.scheduler,
      pollPolicy: fixedPolling(500),
      retryPolicy: { maxRetries: 0 },
      ...options,
    });
  }

  private async handle(request: HttpRequest): Promise<HttpResponse> {
    const response = await this.answer(request);
    if (request.responseType !== 'stream' || typeof response.body !== 'string') return response;
    return { ...response, body: byteStream(response.body) };
  }

  private async answer(request: HttpRequest): Promise<HttpResponse> {
    this.used++;
    const path = new URL(request.url).pathname.replace(/^\/services\/data\/v[\d.]+/, '');
    const ingest = /^\/jobs\/ingest(?:\/([^/]+))?(?:\/([^/]+))?$/.exec(path);
    if (path === '/limits')
      return this.json(200, { DailyApiRequests: { Max: this.limit, Remaining: Math.max(0, this.limit - this.used) } });
    if (!ingest) return this.json(404, [{ errorCode: 'NOT_FOUND', message: path }]);
    const [, id, sub] = ingest;
    if (!id && request.method === 'POST') {
      const body = JSON.parse(String(request.body)) as Record<string, unknown>;
      const job: FakeJob = {
        id: `750FAKE${String(this.next++).padStart(11, '0')}`,
        state: 'Open',
        csv: '',
        bytes: 0,
        rows: [],
        createdAt: this.scheduler.now(),
      };
      this.jobs.set(job.id, job);
      this.countOpen();
      return this.json(200, this.info(job, body));
    }
    const job = id ? this.jobs.get(id) : undefined;
    if (!job) return this.json(404, [{ errorCode: 'NOT_FOUND', message: 'no job' }]);
    if (sub === 'batches' && request.method === 'PUT') {
      const body = request.body;
      job.csv =
        typeof body === 'string' ? body : body instanceof Blob ? await body.text() : new TextDecoder().decode(body);
      job.bytes = new TextEncoder().encode(job.csv).length;
      job.rows = job.csv.split('\n').slice(1, -1);
      return { status: 201, headers: this.headers('text/plain'), body: '' };
    }
    if (!sub && request.method === 'PATCH') {
      const { state } = JSON.parse(String(request.body)) as { state: string };
      if (state === 'Aborted') this.aborts++;
      if (state === 'Aborted' && job.state !== 'JobComplete') job.state = 'Aborted';
      if (state === 'UploadComplete' && job.state === 'Open')
        job.state = this.processing === 'instant' ? 'JobComplete' : 'InProgress';
      this.countOpen();
      return this.json(200, this.info(job));
    }
    if (!sub && request.method === 'GET') return this.json(200, this.info(job));
    if (sub?.endsWith('Results') || sub === 'unprocessedrecords') this.resultReads++;
    if (sub === 'successfulResults') {
      const header = job.csv.split('\n')[0] ?? '';
      const done = job.state === 'JobComplete' ? job.rows : [];
      const lines = done.map((row, i) => `"001FAKE${job.id.slice(-6)}${String(i).padStart(5, '0')}","true",${row}`);
      return this.csv(`"sf__Id","sf__Created",${header}\n${lines.map((l) => l + '\n').join('')}`);
    }
    if (sub === 'failedResults') return this.csv(`"sf__Id","sf__Error",${job.csv.split('\n')[0] ?? ''}\n`);
    if (sub === 'unprocessedrecords') {
      const rows = job.state === 'JobComplete' ? [] : job.rows;
      return this.csv(`${job.csv.split('\n')[0] ?? ''}\n${rows.map((l) => l + '\n').join('')}`);
    }
    return this.json(404, [{ errorCode: 'NOT_FOUND', message: path }]);
  }

  private countOpen(): void {
    const open = [...this.jobs.values()].filter((j) => j.state === 'Open' || j.state === 'InProgress').length;
    this.peakOpen = Math.max(this.peakOpen, open);
  }

  private info(job: FakeJob, body: Record<string, unknown> = {}): Record<string, unknown> {
    return {
      id: job.id,
      operation: body.operation ?? 'insert',
      object: body.object ?? 'Account',
      createdById: '005xx000001X8UzAAK',
      createdDate: new Date(job.createdAt).toISOString().replace('Z', '+0000'),
      systemModstamp: new Date(job.createdAt).toISOString().replace('Z', '+0000'),
      state: job.state,
      concurrencyMode: 'Parallel',
      contentType: 'CSV',
      apiVersion: 66.0,
      lineEnding: 'LF',
      columnDelimiter: 'COMMA',
      numberRecordsProcessed: job.state === 'JobComplete' ? job.rows.length : 0,
      numberRecordsFailed: 0,
    };
  }

  private headers(type: string): Record<string, string> {
    return { 'content-type': type, 'sforce-limit-info': `api-usage=${this.used}/${this.limit}` };
  }

  private json(status: number, body: unknown): HttpResponse {
    return { status, headers: this.headers('application/json'), body: JSON.stringify(body) };
  }

  private csv(text: string): HttpResponse {
    return { status: 200, headers: this.headers('text/csv'), body: byteStream(text) };
  }
}

function byteStream(text: string): ByteStream {
  const bytes = new TextEncoder().encode(text);
  return {
    async *[Symbol.asyncIterator]() {
      yield bytes;
    },
  };
}

/**
 * Runs a promise to its end with the client's timers in virtual time: the clock jumps to the
 * next timer only once pending work (the fake org's answers) has had a few turns to settle.
 */
export async function inVirtualTime<T>(scheduler: VirtualTimeScheduler, work: Promise<T>): Promise<T> {
  let settled = false;
  const done = work.finally(() => (settled = true));
  done.catch(() => undefined);
  while (!settled) {
    for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
    // timers unsubscribed since they were scheduled (request timeouts, cut timers) are skipped at once
    while (scheduler.actions[0]?.closed) scheduler.actions.shift();
    const next = scheduler.actions[0];
    if (next === undefined) continue;
    scheduler.maxFrames = next.delay;
    scheduler.flush();
  }
  return done;
}

/** Advances virtual time to `ms`, letting pending work settle between timers. */
export async function runUntil(scheduler: VirtualTimeScheduler, ms: number): Promise<void> {
  for (;;) {
    for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
    while (scheduler.actions[0]?.closed) scheduler.actions.shift();
    const next = scheduler.actions[0];
    if (next === undefined || next.delay > ms) return;
    scheduler.maxFrames = next.delay;
    scheduler.flush();
  }
}
