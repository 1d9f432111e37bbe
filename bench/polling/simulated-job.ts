import { BulkJob } from '../../src/models/bulk-job.js';

/** A stretch of processing: a share of the records, done at a steady rate over `ms`. */
export interface Stretch {
  readonly share: number;
  readonly ms: number;
}

/**
 * A server-side ingest job in virtual time: processing starts when polling starts (time 0),
 * `numberRecordsProcessed` grows linearly within each stretch, and the job is `JobComplete`
 * from the end of the last stretch on.
 */
export class SimulatedJob {
  readonly durationMs: number;

  constructor(
    readonly total: number,
    private readonly stretches: readonly Stretch[],
    /** Counter granularity: Salesforce counts whole internal batches (10,000 records); 1 = every record. */
    private readonly step: number = 1,
  ) {
    this.durationMs = stretches.reduce((sum, s) => sum + s.ms, 0);
  }

  /** Records processed at time `t` (ms since processing started), as the counter reports them. */
  processedAt(t: number): number {
    const exact = this.exactAt(t);
    return exact >= this.total ? this.total : Math.floor(exact / this.step) * this.step;
  }

  private exactAt(t: number): number {
    let done = 0;
    let start = 0;
    for (const stretch of this.stretches) {
      const records = stretch.share * this.total;
      if (t < start + stretch.ms) return Math.floor(done + (records * Math.max(0, t - start)) / stretch.ms);
      done += records;
      start += stretch.ms;
    }
    return this.total;
  }

  /** The job info a GET at time `t` would answer. */
  snapshotAt(t: number): BulkJob {
    const state = t >= this.durationMs ? 'JobComplete' : t <= 0 ? 'UploadComplete' : 'InProgress';
    return new BulkJob({
      id: '750SIMULATED00001',
      operation: 'insert',
      object: 'Account',
      state,
      apiVersion: 66,
      numberRecordsProcessed: this.processedAt(t),
    });
  }
}
