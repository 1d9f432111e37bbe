import { MultiBar, type SingleBar } from 'cli-progress';
import type { BulkJob } from '../index.js';
import { count } from './format.js';
import type { Terminal } from './terminal.js';

/** Shows how each job of a command advances. */
export interface JobProgress {
  /** A job snapshot; `total` is the rows uploaded to it, when known. */
  update(job: BulkJob, total?: number): void;
  /** Ends the display (idempotent); bars stay on screen as they last were. */
  stop(): void;
}

/** A bar per job on a terminal (processed and failed counts), one line per state change otherwise. */
export function createJobProgress(terminal: Terminal): JobProgress {
  return terminal.liveProgress ? new BarProgress(terminal) : new LineProgress(terminal);
}

/** Counts of a job as a person reads them: `1,000/5,000 processed, 3 failed`. */
export function jobCounts(job: BulkJob, total?: number): string {
  const processed = total === undefined ? count(job.numberRecordsProcessed) : `${count(job.numberRecordsProcessed)}/${count(total)}`;
  return job.kind === 'query' ? `${processed} rows` : `${processed} processed, ${count(job.numberRecordsFailed)} failed`;
}

class LineProgress implements JobProgress {
  private readonly states = new Map<string, string>();

  constructor(private readonly terminal: Terminal) {}

  update(job: BulkJob, total?: number): void {
    if (this.states.get(job.id) === job.state) return;
    this.states.set(job.id, job.state);
    this.terminal.note(`job ${job.id} ${job.state}: ${jobCounts(job, total)}`);
  }

  stop(): void {
    this.states.clear();
  }
}

class BarProgress implements JobProgress {
  private readonly bars = new Map<string, SingleBar>();
  private multi: MultiBar | undefined;

  constructor(private readonly terminal: Terminal) {}

  update(job: BulkJob, total?: number): void {
    this.multi ??= new MultiBar({
      stream: this.terminal.io.stderr as unknown as NodeJS.WritableStream,
      format: ' job {job} {bar} {value}/{total} processed | {failed} failed | {state}',
      barsize: 24,
      barCompleteChar: '\u2588',
      barIncompleteChar: '\u2591',
      hideCursor: true,
      clearOnComplete: false,
      stopOnComplete: false,
      formatValue: (value, _options, type) => (type === 'value' || type === 'total' ? count(value) : String(value)),
    });
    const payload = { job: job.id, failed: count(job.numberRecordsFailed), state: job.state };
    // the total is unknown until the upload is counted; a finished job's total is what it processed
    const size = total ?? Math.max(job.numberRecordsProcessed, 1);
    const bar = this.bars.get(job.id);
    if (!bar) this.bars.set(job.id, this.multi.create(size, job.numberRecordsProcessed, payload));
    else {
      bar.setTotal(size);
      bar.update(job.numberRecordsProcessed, payload);
    }
  }

  stop(): void {
    this.multi?.stop();
    this.multi = undefined;
  }
}
