import { csvLine, quoteCsv, type ColumnDelimiterName, type LineEndingName } from '../core/csv-format.js';
import { formatJavaDouble } from '../core/java-double.js';
import type { ResultKind } from '../http/router.js';
import type { IngestJob } from '../jobs/job-types.js';
import type { SObjectSchema } from '../org/sobject-schema.js';

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const ROWS_PER_CHUNK = 1000;

type CellFormatter = (value: string) => string;

/**
 * Salesforce re-serialises echoed values from the parsed field values, so double and currency
 * columns come back Java-formatted (`912260031` -> `9.12260031E8`); other values are echoed as sent.
 */
function formatters(header: readonly string[], object: SObjectSchema | undefined): CellFormatter[] {
  return header.map((cell) => {
    const type = object?.field(cell)?.type;
    if (type !== 'double' && type !== 'currency' && type !== 'number') return (v) => v;
    return (v) => (DECIMAL.test(v) ? formatJavaDouble(Number(v)) : v);
  });
}

interface ResultRow {
  readonly lead: readonly string[];
  readonly row: number;
}

function* rowsOf(job: IngestJob, kind: ResultKind): Generator<ResultRow> {
  if (kind === 'successfulResults') {
    for (const s of job.successes) yield { lead: [s.id, String(s.created)], row: s.row };
  } else if (kind === 'failedResults') {
    for (const f of job.failures) yield { lead: [f.id, f.error], row: f.row };
  } else if (job.state !== 'JobComplete') {
    const total = job.parsed?.rows.length ?? 0;
    for (let row = job.nextRow; row < total; row++) yield { lead: [], row };
  }
}

const LEAD_HEADERS: Readonly<Record<ResultKind, readonly string[]>> = {
  successfulResults: ['"sf__Id"', '"sf__Created"'],
  failedResults: ['"sf__Id"', '"sf__Error"'],
  unprocessedrecords: [],
};

/**
 * Streams one ingest result file in chunks: header (sf__ names quoted, uploaded columns exactly
 * as written), then every value quoted, using the job's delimiter and line ending. An empty
 * result is a header-only file.
 */
export function* ingestResultCsv(
  job: IngestJob,
  kind: ResultKind,
  object: SObjectSchema | undefined,
): Generator<string> {
  const delimiter: ColumnDelimiterName = job.columnDelimiter;
  const lineEnding: LineEndingName = job.lineEnding;
  const parsed = job.parsed ?? { rawHeader: [], header: [], rows: [] };
  const header = [...LEAD_HEADERS[kind], ...parsed.rawHeader];
  if (header.length === 0) return;
  const format = formatters(parsed.header, object);
  let chunk = csvLine(header, delimiter, lineEnding);
  let count = 0;
  for (const { lead, row } of rowsOf(job, kind)) {
    const values = parsed.rows[row] ?? [];
    const cells = [...lead, ...values.map((v, i) => (format[i] ?? String)(v))].map(quoteCsv);
    chunk += csvLine(cells, delimiter, lineEnding);
    if (++count % ROWS_PER_CHUNK === 0) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk !== '') yield chunk;
}
