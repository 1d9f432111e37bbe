import type { ServerResponse } from 'node:http';
import { firstValueFrom, lastValueFrom, toArray } from 'rxjs';
import { ResponseValidationError } from '../../src/errors/response-validation-error.js';
import { ValidationError } from '../../src/errors/validation-error.js';
import { abortQueryJob, getQueryJob } from '../../src/api/query-api.js';
import { getIngestJob, patchIngestJob } from '../../src/api/ingest-api.js';
import { listJobs } from '../../src/api/job-list-api.js';
import { apiFor, clientFor, failureOf, JOB_ID, jobInfo, org, OTHER_JOB_ID } from './fake-org.js';
import { json, startHostileServer, type HostileServer } from './hostile-server.js';

// A server (or a confused proxy) answering with another job's snapshot used to be followed:
// a poll could report another job's state and counters as this job's. Every answer about a job
// asked for by id must now carry that id. And the listing filters, which go into the URL, are
// checked before anything is sent.

let server: HostileServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const otherJob = (kind: 'ingest' | 'query', state: string) => (_request: unknown, res: ServerResponse) =>
  json(res, 200, jobInfo(kind, state, { id: OTHER_JOB_ID }));

describe('an answer about another job', () => {
  it.each([
    ['GET an ingest job', () => getIngestJob(apiFor(server!), JOB_ID), 'ingest' as const],
    ['PATCH (close) an ingest job', () => patchIngestJob(apiFor(server!), JOB_ID, 'UploadComplete'), 'ingest' as const],
    ['GET a query job', () => getQueryJob(apiFor(server!), JOB_ID), 'query' as const],
    ['PATCH (abort) a query job', () => abortQueryJob(apiFor(server!), JOB_ID), 'query' as const],
  ])('%s: a ResponseValidationError naming both ids', async (_what, call, kind) => {
    server = await startHostileServer(otherJob(kind, 'JobComplete'));
    const error = await failureOf(firstValueFrom(call()));
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect((error as Error).message).toBe(`The answer about job ${JOB_ID} describes another job ("${OTHER_JOB_ID}")`);
  });

  it('accepts the 18-character form of a 15-character id asked for', async () => {
    server = await startHostileServer((_request, res) => json(res, 200, jobInfo('ingest', 'Open')));
    const job = await firstValueFrom(getIngestJob(apiFor(server), JOB_ID.slice(0, 15)));
    expect(job.id).toBe(JOB_ID);
  });

  it('a poll answered with another job fails the load instead of following that job', async () => {
    server = await startHostileServer(org({ 'ingest.get': otherJob('ingest', 'JobComplete') }));
    const error = await failureOf(lastValueFrom(clientFor(server).bulk.insert('Account', [{ Name: 'Acme' }])));
    expect(error).toBeInstanceOf(ResponseValidationError);
    // the other job's results were never asked for
    expect(server.requests.some((r) => r.path.includes(OTHER_JOB_ID))).toBe(false);
  });
});

describe('listing filters', () => {
  it.each([
    [{ kind: '../query?q=SELECT+Id,Email+FROM+User#' }, 'kind'],
    [{ kind: 'ingest', concurrencyMode: 'Parallel&jobType=Classic' }, 'concurrencyMode'],
    [{ kind: 'query', concurrencyMode: 'Serial Parallel' }, 'concurrencyMode'],
  ])('%p is a ValidationError before any request', async (filter, field) => {
    server = await startHostileServer((_request, res) => json(res, 200, { done: true, records: [] }));
    const client = clientFor(server);
    const error = await failureOf(lastValueFrom(client.bulk.listJobs(filter as never).pipe(toArray())));
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).field).toBe(field);
    expect(server.requests).toHaveLength(0);
  });

  it('at the REST wrapper: unknown filters and ill-typed values are refused too', async () => {
    server = await startHostileServer((_request, res) => json(res, 200, { done: true, records: [] }));
    const api = apiFor(server);
    for (const options of [{ q: 'x' }, { jobType: 'V2Ingest/../x' }, { isPkChunkingEnabled: 'yes' }] as never[]) {
      expect(await failureOf(lastValueFrom(listJobs(api, 'ingest', options)))).toBeInstanceOf(ValidationError);
    }
    expect(await failureOf(lastValueFrom(listJobs(api, 'bulk' as never)))).toBeInstanceOf(ValidationError);
    expect(server.requests).toHaveLength(0);
    const jobs = await lastValueFrom(
      listJobs(api, 'ingest', { jobType: 'V2Ingest', concurrencyMode: 'Parallel', isPkChunkingEnabled: false }).pipe(
        toArray(),
      ),
    );
    expect(jobs).toEqual([]);
    expect(server.requests[0]?.path).toBe(
      '/services/data/v66.0/jobs/ingest?jobType=V2Ingest&isPkChunkingEnabled=false&concurrencyMode=Parallel',
    );
  });
});
