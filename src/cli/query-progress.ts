import type { BulkJob } from '../index.js';
import { bytes, count } from './format.js';
import { plainText } from './plain-text.js';
import { scrub } from './scrub.js';

const ONE_LINE = { singleLine: true } as const;
import type { Terminal } from './terminal.js';

/** Redraws at most this often: a terminal cannot show more, and writes cost time. */
const REDRAW_MS = 100;

/**
 * The progress line of an export on stderr: the job's state while it runs, then rows and bytes
 * written, redrawn in place on a terminal. Elsewhere only job state changes are printed.
 */
export class QueryProgress {
  private state = '';
  private jobId = '';
  private rows = 0;
  private written = 0;
  private drawnAt = 0;
  private drawn = false;
  /** After `stop()`, nothing is drawn: a late snapshot (the abort's) would start a line no one ends. */
  private stopped = false;

  constructor(private readonly terminal: Terminal) {}

  job(job: BulkJob): void {
    if (this.stopped || job.state === this.state) return;
    this.state = job.state;
    this.jobId = job.id;
    if (this.terminal.liveProgress) this.draw(true);
    else this.terminal.note(`job ${job.id} ${job.state}`);
  }

  progress(rows: number, written: number): void {
    this.rows = rows;
    this.written = written;
    if (this.terminal.liveProgress && !this.stopped) this.draw(false);
  }

  /** A note on stderr that does not land inside the live line: the line is redrawn below it. */
  note(line: string): void {
    if (!this.drawn) {
      this.terminal.note(line);
      return;
    }
    this.terminal.io.stderr.write(`\r\u001b[K${plainText(scrub(line))}\n`);
    this.draw(true);
  }

  /** Draws the final counts and ends the live line (idempotent). */
  stop(): void {
    this.stopped = true;
    if (!this.drawn) return;
    this.draw(true);
    this.terminal.io.stderr.write('\n');
    this.drawn = false;
  }

  private draw(force: boolean): void {
    const now = Date.now();
    if (!force && now - this.drawnAt < REDRAW_MS) return;
    this.drawnAt = now;
    this.drawn = true;
    this.terminal.io.stderr.write(
      `\r\u001b[K job ${plainText(this.jobId, ONE_LINE)} ${plainText(this.state, ONE_LINE)} | ${count(this.rows)} rows | ${bytes(this.written)}`,
    );
  }
}
