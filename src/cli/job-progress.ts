import { MultiBar, type SingleBar } from 'cli-progress';
import type { BulkJob } from '../index.js';
import { count } from './format.js';
import { plainText } from './plain-text.js';
import { scrub } from './scrub.js';

/** A server-supplied value drawn in a bar: one line, no terminal control. */
const field = (text: string): string => plainText(text, { singleLine: true });
import type { Terminal } from './terminal.js';

/** Shows how each job of a command advances. */
export interface JobProgress {
  /** A job snapshot; `total` is the rows uploaded to it, when known. */
  update(job: BulkJob, total?: number): void;
  /** A note on stderr that the bars do not draw over (the bars are redrawn below it). */
  note(line: string): void;
  /** Ends the display (idempotent); bars stay on screen as they last were. */
  stop(): void;
}

/**
 * Room a bar line needs besides the bar: ` <18-char id> <bar> 100,000/100,000 | 1,000 failed | InProgress`.
 * The bar takes what the terminal has left, so that the counts and the state are never cut off.
 */
const BAR_TEXT_WIDTH = 70;

/** Bar width for a terminal of `columns` columns (80 when unknown). */
export function barSize(columns: number | undefined): number {
  return Math.max(6, Math.min(30, (columns || 80) - BAR_TEXT_WIDTH));
}

/** A bar per job on a terminal (processed and failed counts), one line per state change otherwise. */
export function createJobProgress(terminal: Terminal): JobProgress {
  return terminal.liveProgress ? new BarProgress(terminal) : new LineProgress(terminal);
}

/** Counts of a job as a person reads them: `1,000/5,000 processed, 3 failed`. */
export function jobCounts(job: BulkJob, total?: number): string {
  const processed =
    total === undefined ? count(job.numberRecordsProcessed) : `${count(job.numberRecordsProcessed)}/${count(total)}`;
  return job.kind === 'query'
    ? `${processed} rows`
    : `${processed} processed, ${count(job.numberRecordsFailed)} failed`;
}

class LineProgress implements JobProgress {
  private readonly states = new Map<string, string>();

  constructor(private readonly terminal: Terminal) {}

  update(job: BulkJob, total?: number): void {
    if (this.states.get(job.id) === job.state) return;
    this.states.set(job.id, job.state);
    this.terminal.note(`job ${job.id} ${job.state}: ${jobCounts(job, total)}`);
  }

  note(line: string): void {
    this.terminal.note(line);
  }

  stop(): void {
    this.states.clear();
  }
}

class BarProgress implements JobProgress {
  private readonly bars = new Map<string, SingleBar>();
  private multi: MultiBar | undefined;
  /** Once stopped, late snapshots (an abort's) draw nothing: the summary lines follow the bars. */
  private stopped = false;

  constructor(private readonly terminal: Terminal) {}

  update(job: BulkJob, total?: number): void {
    if (this.stopped) return;
    this.multi ??= new MultiBar({
      stream: this.terminal.io.stderr as unknown as NodeJS.WritableStream,
      format: ' {job} {bar} {value}/{total} | {failed} failed | {state}',
      barsize: barSize(this.terminal.io.stderr.columns),
      barCompleteChar: '\u2588',
      barIncompleteChar: '\u2591',
      hideCursor: true,
      clearOnComplete: false,
      stopOnComplete: false,
      formatValue: (value, _options, type) => (type === 'value' || type === 'total' ? count(value) : String(value)),
    });
    const payload = { job: field(job.id), failed: count(job.numberRecordsFailed), state: field(job.state) };
    // the total is unknown until the upload is counted; a finished job's total is what it processed
    const size = total ?? Math.max(job.numberRecordsProcessed, 1);
    const bar = this.bars.get(job.id);
    if (!bar) this.bars.set(job.id, this.multi.create(size, job.numberRecordsProcessed, payload));
    else {
      bar.setTotal(size);
      bar.update(job.numberRecordsProcessed, payload);
    }
  }

  note(line: string): void {
    if (!this.multi) {
      this.terminal.note(line);
      return;
    }
    // the bars turn line wrapping off: a line longer than the terminal is cut here, not at the margin
    const width = this.terminal.io.stderr.columns || 80;
    const text = plainText(scrub(line));
    for (let start = 0; start < text.length; start += width) this.multi.log(`${text.slice(start, start + width)}\n`);
    this.multi.update();
  }

  stop(): void {
    this.stopped = true;
    this.multi?.stop();
    this.multi = undefined;
  }
}
