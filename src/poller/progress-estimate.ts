/** One reading of a job's counter. */
export interface ProgressReading {
  /** Scheduler time of the reading. */
  readonly at: number;
  readonly processed: number;
}

/** Where the job should end, and how sure that is. */
export interface ProgressForecast {
  /** Scheduler time at which the counter should reach the total. */
  readonly end: number;
  /**
   * Whether the job may finish at its counter's next move: the records left are no more than
   * the last move and the latest pace disagrees with the average one (a counter that moves in
   * batches, or a change of pace), so the predicted end is uncertain by up to one poll interval.
   */
  readonly lastStep: boolean;
  /** Time between the two readings the latest pace was taken from. */
  readonly interval: number;
  /** When the counter was first seen at its current value. */
  readonly changedAt: number;
}

/** The latest pace counts as steady when within 10% of the average pace since progress began. */
const STEADY_TOLERANCE = 0.1;

/**
 * Tracks a job's `numberRecordsProcessed` across snapshots and forecasts when it reaches the
 * total. The pace is taken over the latest move only (from the last reading of the old count to
 * the first reading of the new one), so a change of pace shows up at the next poll; taking the
 * last reading of the old count errs towards an earlier end, i.e. an extra poll rather than a
 * late one.
 */
export class ProgressEstimate {
  private latest: ProgressReading | undefined;
  /** The counter's latest move (last reading before it, first reading after it) and where progress began. */
  private move:
    | { readonly before: ProgressReading; readonly changed: ProgressReading; readonly start: ProgressReading }
    | undefined;

  constructor(private readonly total: number) {}

  /** Records a reading (readings come in time order). */
  observe(reading: ProgressReading): void {
    const latest = this.latest;
    if (latest && reading.processed > latest.processed) {
      this.move = { before: latest, changed: reading, start: this.move?.start ?? latest };
    } else if (latest && reading.processed < latest.processed) {
      // a counter going backwards: start over rather than trust either reading
      this.move = undefined;
    }
    this.latest = reading;
  }

  /** The forecast, once the counter has moved; undefined before. */
  forecast(): ProgressForecast | undefined {
    const move = this.move;
    if (!move || move.changed.at <= move.before.at) return undefined;
    const { before, changed, start } = move;
    const interval = changed.at - before.at;
    const recent = (changed.processed - before.processed) / interval;
    const average = (changed.processed - start.processed) / (changed.at - start.at);
    const left = Math.max(0, this.total - changed.processed);
    const steady = Math.abs(recent - average) <= STEADY_TOLERANCE * Math.max(recent, average);
    return {
      end: changed.at + left / recent,
      lastStep: !steady && left <= changed.processed - before.processed,
      interval,
      changedAt: changed.at,
    };
  }
}
