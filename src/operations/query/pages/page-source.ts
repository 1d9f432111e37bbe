import type { CsvRow } from '../../../csv/csv-push-parser.js';

/** One result page being read: rows come out in batches as its bytes arrive. */
export interface PageStream {
  /** 0-based position of the page in the result. */
  readonly index: number;
  /** `Sforce-NumberOfRecords` of the page, when the server sent it. */
  readonly expectedRows: number | undefined;
  /** The next rows of the page, or null once the page is exhausted (its row count checked). */
  nextBatch(signal: AbortSignal): Promise<CsvRow[] | null>;
  /** Stops reading the page and frees its connection. Safe to call more than once. */
  release(): void;
}

/** Where pages come from: the locator loop, or parallel `resultPages` downloads. */
export interface PageSource {
  /** The next page, or null when the result has no more pages. Requests nothing until called. */
  nextPage(signal: AbortSignal): Promise<PageStream | null>;
  /** Stops every download in flight. */
  close(): void;
  /**
   * True once the pages ended without the server saying so (a page without `Sforce-Locator`):
   * the rows read are then checked against the job's `numberRecordsProcessed`.
   */
  readonly endUnconfirmed?: boolean;
}

/** A page already read to the end (parallel downloads read whole pages). */
export class BufferedPage implements PageStream {
  private rows: CsvRow[] | null;

  constructor(
    readonly index: number,
    rows: CsvRow[],
    readonly expectedRows: number | undefined,
  ) {
    this.rows = rows;
  }

  async nextBatch(): Promise<CsvRow[] | null> {
    const rows = this.rows;
    this.rows = null;
    return rows !== null && rows.length > 0 ? rows : null;
  }

  release(): void {
    this.rows = null;
  }
}
