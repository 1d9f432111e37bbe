import type { JobBody } from './job-body.js';
import type { CorrelationIndex } from '../correlation/correlation-index.js';

/** One job's worth of input, serialised and indexed for correlation. */
export interface SlicedJob {
  /** The job's CSV, header included, as it is uploaded (held until the upload takes it). */
  readonly body: JobBody;
  /** Rows in the body (header excluded). */
  readonly recordCount: number;
  /** Input index of the job's first row (a job holds consecutive input rows). */
  readonly start: number;
  readonly index: CorrelationIndex;
}

/** Produces job bodies from the input, one at a time, reading only as much input as one job needs. */
export interface JobSlicer {
  /** The next job, or undefined when the input is exhausted. */
  next(): Promise<SlicedJob | undefined>;
  /** Stops reading the input (closes a file stream, ends an iterator). */
  close(): void;
  /** The original input record at an index, when the input was an array (for rows missing from the results). */
  original(index: number): Readonly<Record<string, unknown>> | undefined;
}

/** Where a load is cut into jobs. */
export interface SliceLimits {
  /** Upper bound of one job's CSV, in bytes (Salesforce: 150 MB after base64, about 100 MB raw). */
  readonly maxBytesPerJob: number;
  /** Upper bound of rows per job. */
  readonly maxRecordsPerJob: number;
}
