import { concatMap, from, lastValueFrom } from 'rxjs';
import type { BulkJob, LoadJournal, SalesforceClient } from '../index.js';
import type { ResultFiles } from './result-files.js';

/**
 * Every job of an interrupted load, in the order the journal has them (slice by slice, then
 * attempt), with its latest snapshot: the one this run saw last (after Ctrl-C, the one read back
 * from the server once it was aborted), else read now. The journal counts jobs earlier runs
 * started that this run did not reach; a job this run saw that the journal misses is kept too.
 */
export async function loadJobs(
  client: SalesforceClient,
  journal: LoadJournal | undefined,
  seen: ReadonlyMap<string, BulkJob>,
): Promise<BulkJob[]> {
  const ids = [
    ...new Set([
      ...(journal?.slices ?? []).flatMap((slice) => slice.attempts.flatMap((a) => (a.jobId ? [a.jobId] : []))),
      ...seen.keys(),
    ]),
  ];
  const jobs: BulkJob[] = [];
  for (const id of ids) {
    const known = seen.get(id);
    const job = known ?? (await lastValueFrom(client.bulk.getJob(id)).catch(() => undefined));
    if (job) jobs.push(job);
  }
  return jobs;
}

/**
 * Writes what the jobs of an interrupted load did, from each finished job's own result files:
 * the rows it processed (success.csv, failed.csv) and the rows it was sent but did not process
 * (unprocessed.csv). Rows are not tied to input rows here (`inputRow` stays empty): a resume
 * writes the files of the whole load again, tied. Jobs still running are skipped.
 */
export async function writeJobsResults(
  client: SalesforceClient,
  jobs: readonly BulkJob[],
  files: ResultFiles,
): Promise<ResultFiles> {
  for (const job of jobs) {
    if (!job.isComplete()) continue;
    const rows = client.bulk.jobResults(job.id).pipe(concatMap((batch) => from(files.write(batch))));
    await lastValueFrom(rows, { defaultValue: undefined });
  }
  await files.close();
  return files;
}
