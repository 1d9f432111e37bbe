import { lastValueFrom, toArray } from 'rxjs';
import type { BulkJob } from '../index.js';
import { connect, type ConnectionOptions } from './connect.js';
import { EXIT } from './exit-codes.js';
import { jobDetails, jobTable } from './job-view.js';
import { jobJson } from './job-json.js';
import type { OutputMode, Terminal } from './terminal.js';

/** Options every `kinetic jobs` subcommand takes. */
export type JobsOptions = ConnectionOptions & OutputMode;

/** `kinetic jobs list [--kind ingest|query]` */
export async function runJobsList(
  options: JobsOptions & { readonly kind?: 'ingest' | 'query' | undefined },
  terminal: Terminal,
): Promise<number> {
  const connection = await connect(options, terminal);
  try {
    const jobs = await lastValueFrom(
      connection.client.bulk.listJobs(options.kind ? { kind: options.kind } : {}).pipe(toArray()),
    );
    if (jobs.length === 0) terminal.print('no jobs');
    else for (const line of jobTable(jobs)) terminal.print(line);
    terminal.json({
      exitCode: EXIT.ok,
      result: { command: 'jobs list', jobs: jobs.map((job) => jobJson(job, { counters: false })) },
    });
    return EXIT.ok;
  } finally {
    await connection.close();
  }
}

/** `kinetic jobs get <id>` */
export async function runJobsGet(jobId: string, options: JobsOptions, terminal: Terminal): Promise<number> {
  const connection = await connect(options, terminal);
  try {
    const job = await lastValueFrom(connection.client.bulk.getJob(jobId));
    for (const line of jobDetails(job)) terminal.print(line);
    terminal.json({ exitCode: EXIT.ok, result: { command: 'jobs get', job: jobJson(job) } });
    return EXIT.ok;
  } finally {
    await connection.close();
  }
}

/** `kinetic jobs abort <id>`: a job that already ended is reported as it is (exit 0). */
export async function runJobsAbort(jobId: string, options: JobsOptions, terminal: Terminal): Promise<number> {
  const connection = await connect(options, terminal);
  try {
    const before: BulkJob = await lastValueFrom(connection.client.bulk.getJob(jobId));
    const after = await lastValueFrom(connection.client.bulk.abortJob(jobId));
    const aborted = !before.isComplete() && after.state === 'Aborted';
    terminal.print(
      aborted
        ? `aborted job ${after.id} on the server (it was ${before.state})`
        : `job ${after.id} had already ended ${after.state}: nothing to abort`,
    );
    terminal.json({
      exitCode: EXIT.ok,
      result: { command: 'jobs abort', aborted, previousState: before.state, job: jobJson(after) },
    });
    return EXIT.ok;
  } finally {
    await connection.close();
  }
}
