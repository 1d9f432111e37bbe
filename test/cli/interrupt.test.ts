import { existsSync, writeFileSync } from 'node:fs';
import { startBulkEmulator, type BulkEmulator } from '../../src/testing/index.js';
import { CliHarness, jsonDocument, jsonResult, target } from './cli-harness';

// Ctrl-C (SIGINT) while the CLI works: open jobs end Aborted on the server, and it says so.

describe('kinetic and Ctrl-C', () => {
  let cli: CliHarness;
  let emulator: BulkEmulator;

  beforeAll(async () => {
    // slow enough that the jobs are still running when the signal comes
    [cli, emulator] = await Promise.all([
      CliHarness.create(),
      startBulkEmulator({ processing: { recordsPerSecond: 500, tickMs: 20 } }),
    ]);
    writeFileSync(cli.path('slow.csv'), `Name\n${Array.from({ length: 6_000 }, (_, i) => `Slow ${i}`).join('\n')}\n`);
  });

  afterAll(async () => {
    await emulator.close();
    cli.remove();
  });

  it('aborts every open job of a load on the server, reports each one, exits 130', async () => {
    const running = cli.start([
      'insert',
      'Account',
      '--file',
      'slow.csv',
      '--max-records-per-job',
      '2000',
      '--concurrency',
      '2',
      '--results-dir',
      'never',
      ...target(emulator),
    ]);
    await running.waitForStderr(/job \w+ InProgress[^\n]*\n[\s\S]*job \w+ InProgress/);
    running.child.kill('SIGINT');
    const run = await running.done;

    expect(run.code).toBe(130);
    const reported = [...run.stderr.matchAll(/^aborted job (\w+) on the server \(([\d,]+) processed, 0 failed\)$/gm)];
    expect(reported).toHaveLength(2);
    for (const [, id, processed] of reported) {
      const job = emulator.jobs.get(id ?? '');
      expect(job?.state).toBe('Aborted');
      // the counts the server had once the job stopped, not those of the last poll
      expect(Number(processed?.replace(/,/g, ''))).toBe(job?.numberRecordsProcessed);
    }
    // the third slice of the file was never sent
    const jobs = emulator.jobs.list().filter((job) => job.object === 'Account' && job.operation === 'insert');
    expect(jobs).toHaveLength(2);
    // the folder keeps the journal, and the rows the jobs processed; the command that finishes the load is named
    expect(existsSync(cli.path('never/load-journal.json'))).toBe(true);
    expect(run.stderr).toContain(
      `finish the load with: kinetic insert Account --file slow.csv --instance-url ${emulator.url} --resume never --access-token <token>`,
    );
  });

  it('--json reports the interruption as one object', async () => {
    const running = cli.start(['insert', 'Account', '--file', 'slow.csv', '--json', ...target(emulator)]);
    await running.waitForStderr(/InProgress/);
    running.child.kill('SIGINT');
    const run = await running.done;
    expect(run.code).toBe(130);
    expect(jsonDocument(run.stdout)).toMatchObject({ status: 1, name: 'Interrupted', exitCode: 130 });
    const summary = jsonResult<{ interrupted: boolean; abortedJobs: string[] }>(run.stdout);
    expect(summary).toMatchObject({ interrupted: true });
    expect(summary.abortedJobs).toHaveLength(1);
    expect(emulator.jobs.get(summary.abortedJobs[0] ?? '')?.state).toBe('Aborted');
  });

  it('aborts a query job that is still running and removes the partial export', async () => {
    emulator.org.insert(
      'Account',
      Array.from({ length: 5_000 }, (_, i) => ({ Name: `Q ${i}` })),
    );
    const running = cli.start(['query', 'SELECT Id, Name FROM Account', '--out', 'export.csv', ...target(emulator)]);
    const [, id] = (await running.waitForStderr(/job (\w+) InProgress/)) as unknown as [string, string];
    running.child.kill('SIGINT');
    const run = await running.done;
    expect(run.code).toBe(130);
    expect(run.stderr).toContain(`aborted job ${id} on the server`);
    expect(emulator.jobs.get(id)?.state).toBe('Aborted');
    expect(existsSync(cli.path('export.csv'))).toBe(false);
    expect(existsSync(cli.path('export.csv.partial'))).toBe(false);
  });

  it('jobs wait only stops watching: the job keeps running', async () => {
    const started = await cli.run([
      'insert',
      'Account',
      '--file',
      'slow.csv',
      '--no-wait',
      '--json',
      ...target(emulator),
    ]);
    const id = jsonResult<{ jobs: { id: string }[] }>(started.stdout).jobs[0]?.id ?? '';
    const running = cli.start(['jobs', 'wait', id, ...target(emulator)]);
    await running.waitForStderr(/InProgress/);
    running.child.kill('SIGINT');
    const run = await running.done;
    expect(run.code).toBe(130);
    expect(run.stderr).toContain(`job ${id} is still InProgress on the server`);
    expect(emulator.jobs.get(id)?.state).toBe('InProgress');
    await cli.run(['jobs', 'abort', id, ...target(emulator)]);
  });
});
