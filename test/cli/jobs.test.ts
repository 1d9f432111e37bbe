import { readFileSync, writeFileSync } from 'node:fs';
import Papa from 'papaparse';
import { startBulkEmulator, type BulkEmulator } from '../../src/testing/index.js';
import { CliHarness, jsonDocument, jsonResult, target } from './cli-harness';

// `kinetic jobs list|get|wait|abort|results` against an emulator that processes 4,000 rows/s.

const readCsv = (path: string): Record<string, string>[] =>
  Papa.parse<Record<string, string>>(readFileSync(path, 'utf8'), { header: true, skipEmptyLines: true }).data;

const csv = (rows: number, failEvery = 0): string =>
  `Name,Industry\n${Array.from({ length: rows }, (_, i) => `${failEvery > 0 && i % failEvery === failEvery - 1 ? '' : `Job row ${i}`},Tech`).join('\n')}\n`;

describe('kinetic jobs', () => {
  let cli: CliHarness;
  let emulator: BulkEmulator;

  beforeAll(async () => {
    [cli, emulator] = await Promise.all([
      CliHarness.create(),
      startBulkEmulator({ processing: { recordsPerSecond: 4_000, tickMs: 20 } }),
    ]);
    writeFileSync(cli.path('small.csv'), csv(4_000, 100));
    writeFileSync(cli.path('large.csv'), csv(40_000));
  });

  afterAll(async () => {
    await emulator.close();
    cli.remove();
  });

  /** Starts a load with --no-wait and returns its job id. */
  async function startLoad(file: string): Promise<string> {
    const run = await cli.run(['insert', 'Account', '--file', file, '--no-wait', '--json', ...target(emulator)]);
    expect(run.code).toBe(0);
    const id = jsonResult<{ jobs: { id: string }[] }>(run.stdout).jobs[0]?.id;
    if (!id) throw new Error(`no job id in ${run.stdout}`);
    return id;
  }

  it('wait resumes polling an existing job, then writes its result files (exit 1: rows failed)', async () => {
    const id = await startLoad('small.csv');
    const wait = await cli.run(['jobs', 'wait', id, '--results-dir', 'waited', ...target(emulator)]);
    expect(wait.code).toBe(1);
    expect(wait.stderr).toMatch(new RegExp(`^job ${id} InProgress`, 'm'));
    expect(wait.stdout).toContain(`job ${id} JobComplete: 4,000 processed, 40 failed`);
    expect(readCsv(cli.path('waited/success.csv'))).toHaveLength(3_960);
    const failed = readCsv(cli.path('waited/failed.csv'));
    expect(failed.map((r) => r.errorCode)).toEqual(Array(40).fill('REQUIRED_FIELD_MISSING'));
    // the input file is unknown here: no inputRow column
    expect(Object.keys(failed[0] ?? {})).toEqual([
      'jobId',
      'id',
      'errorCode',
      'errorMessage',
      'errorFields',
      'Name',
      'Industry',
    ]);

    // results fetches the same files again, for a job that has finished
    const results = await cli.run(['jobs', 'results', id, '--results-dir', 'again', '--json', ...target(emulator)]);
    expect(results.code).toBe(1);
    expect(jsonDocument(results.stdout)).toMatchObject({ status: 1, name: 'PartialFailure', exitCode: 1 });
    expect(jsonResult(results.stdout)).toMatchObject({
      command: 'jobs results',
      success: 3_960,
      failed: 40,
      unprocessed: 0,
      job: { id, state: 'JobComplete' },
    });
    expect(readFileSync(cli.path('again/failed.csv'), 'utf8')).toBe(
      readFileSync(cli.path('waited/failed.csv'), 'utf8'),
    );
  });

  it('get shows a job, list lists it (without counters, which listings lack)', async () => {
    const id = await startLoad('small.csv');
    const get = await cli.run(['jobs', 'get', id, ...target(emulator)]);
    expect(get.code).toBe(0);
    expect(get.stdout).toMatch(new RegExp(`^id: +${id}$`, 'm'));
    expect(get.stdout).toMatch(/^operation: +insert$/m);
    expect(get.stdout).toMatch(/^object: +Account$/m);
    expect(get.stdout).toMatch(/^apiVersion: +66\.0$/m);

    const list = await cli.run(['jobs', 'list', '--kind', 'ingest', '--json', ...target(emulator)]);
    expect(list.code).toBe(0);
    const jobs = jsonResult<{ jobs: Record<string, unknown>[] }>(list.stdout).jobs;
    expect(jobs.map((j) => j.id)).toContain(id);
    expect(jobs.every((j) => j.kind === 'ingest' && !('processed' in j))).toBe(true);
    const table = await cli.run(['jobs', 'list', ...target(emulator)]);
    expect(table.stdout.split('\n')[0]).toMatch(/^ID +KIND +OPERATION +OBJECT +STATE +CREATED$/);
    expect(table.stdout).toMatch(new RegExp(`^${id} +ingest +insert +Account +\\w+`, 'm'));
  });

  it('abort aborts a running job on the server; aborting it again reports its state (exit 0)', async () => {
    const id = await startLoad('large.csv');
    const abort = await cli.run(['jobs', 'abort', id, '--json', ...target(emulator)]);
    expect(abort.code).toBe(0);
    expect(jsonResult(abort.stdout)).toMatchObject({ aborted: true, job: { id, state: 'Aborted' } });
    expect(emulator.jobs.get(id)?.state).toBe('Aborted');
    const again = await cli.run(['jobs', 'abort', id, ...target(emulator)]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(`job ${id} had already ended Aborted: nothing to abort`);
  });

  it('get reads query jobs too; results writes their rows, and refuses the ingest flags (exit 2)', async () => {
    const query = await cli.run([
      'query',
      'SELECT Id FROM Account LIMIT 1',
      '--json',
      '--out',
      'one.csv',
      ...target(emulator),
    ]);
    const id = jsonResult<{ job: { id: string } }>(query.stdout).job.id;
    const get = await cli.run(['jobs', 'get', id, '--json', ...target(emulator)]);
    expect(jsonResult(get.stdout)).toMatchObject({
      job: { id, kind: 'query', operation: 'query', state: 'JobComplete' },
    });
    const results = await cli.run(['jobs', 'results', id, ...target(emulator)]);
    expect(results.code).toBe(0);
    expect(results.stdout).toBe(readFileSync(cli.path('one.csv'), 'utf8'));
    const refused = await cli.run(['jobs', 'results', id, '--sf-results', ...target(emulator)]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`job ${id} is a query job: write its rows with --out <file>`);
  });

  it('SF_API_VERSION sets the API version with the --instance-url and --access-token flags too; --api-version wins', async () => {
    const fromEnv = await cli.run(['jobs', 'list', '--verbose', ...target(emulator)], { SF_API_VERSION: '64.0' });
    expect(fromEnv.code).toBe(0);
    expect(fromEnv.stderr).toContain('/services/data/v64.0/jobs/');
    const fromFlag = await cli.run(['jobs', 'list', '--verbose', '--api-version', '65.0', ...target(emulator)], {
      SF_API_VERSION: '64.0',
    });
    expect(fromFlag.stderr).toContain('/services/data/v65.0/jobs/');
    expect(fromFlag.stderr).not.toContain('/v64.0/');
  });

  it('an unknown job id is an error (exit 2)', async () => {
    const run = await cli.run(['jobs', 'get', '750000000000000AAA', ...target(emulator)]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/kinetic: ApiError: .*NOT_FOUND|kinetic: ApiError: .*not found/i);
  });
});
