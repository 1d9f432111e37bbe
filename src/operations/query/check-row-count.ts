import { ResponseValidationError } from '../../errors/response-validation-error.js';
import type { BulkJob } from '../../models/bulk-job.js';

/**
 * The pages ended: they must have held every row the job counted. Fewer rows means the paging
 * stopped early (a `Sforce-Locator` lost by a proxy, a page cut short), which is an error,
 * never a silently shorter result.
 */
export function checkRowCount(job: BulkJob | undefined, read: number): void {
  const expected = job?.numberRecordsProcessed ?? 0;
  if (read >= expected) return;
  const message = `The result of job ${job?.id ?? ''} ended after ${read} rows but the job reports ${expected}: a result page or its Sforce-Locator was lost`;
  throw new ResponseValidationError(message, {
    issues: [{ path: ['result', 'rows'], message }],
    raw: { read, expected },
  });
}
