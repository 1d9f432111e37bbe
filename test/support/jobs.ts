import { BulkJob } from '../../src/models/bulk-job.js';
import type { JobInfoFields } from '../../src/schemas/job-info.js';

/** A job snapshot for tests. */
export function jobSnapshot(fields: Partial<JobInfoFields> = {}): BulkJob {
  return new BulkJob({
    id: '750000000000001AAA',
    operation: 'insert',
    object: 'Account',
    state: 'Open',
    apiVersion: 66,
    ...fields,
  });
}
