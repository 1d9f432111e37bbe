import { EMPTY, type Observable } from 'rxjs';
import type { BulkJob } from '../../src/models/bulk-job.js';
import { BulkResult, type FailedRecord } from '../../src/models/bulk-result.js';
import type { BulkEvent, BulkRecord, JobControl } from '../../src/operations/shared/bulk-event.js';
import { jobSnapshot } from './jobs.js';

/** A control whose abort/resubmit are given by the test, recording the calls. */
export function fakeControl(
  options: {
    abort?: () => Observable<BulkJob>;
    resubmit?: (records: readonly BulkRecord[]) => Observable<BulkEvent<BulkResult>>;
  } = {},
): JobControl & { aborts: number; resubmitted: (readonly BulkRecord[])[] } {
  const control = {
    operation: 'insert',
    object: 'Account',
    aborts: 0,
    resubmitted: [] as (readonly BulkRecord[])[],
    abort: () => {
      control.aborts += 1;
      return options.abort ? options.abort() : EMPTY;
    },
    ...(options.resubmit
      ? {
          resubmit: (records: readonly BulkRecord[]) => {
            control.resubmitted.push(records);
            return (options.resubmit as (r: readonly BulkRecord[]) => Observable<BulkEvent<BulkResult>>)(records);
          },
        }
      : {}),
  };
  return control;
}

export function jobEvent(
  control: JobControl,
  fields: Parameters<typeof jobSnapshot>[0],
  total?: number,
): BulkEvent<BulkResult> {
  return { type: 'job', job: jobSnapshot(fields), control, ...(total !== undefined ? { total } : {}) };
}

export function failed(
  code: string,
  inputIndex: number,
  fields: Record<string, string> = {},
  jobId = '750000000000001AAA',
): FailedRecord {
  return {
    jobId,
    id: null,
    error: { statusCode: code, message: code.toLowerCase(), fields: [] },
    rawError: `${code}:x:--`,
    fields,
    inputIndex,
  };
}

export function resultEvent(
  control: JobControl,
  init: Partial<ConstructorParameters<typeof BulkResult>[0]> = {},
  jobId = '750000000000001AAA',
): BulkEvent<BulkResult> {
  return {
    type: 'result',
    control,
    result: new BulkResult({ job: jobSnapshot({ id: jobId, state: 'JobComplete' }), ...init }),
  };
}
