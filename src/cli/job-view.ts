import type { BulkJob } from '../index.js';
import { count } from './format.js';
import { plainText } from './plain-text.js';

/** A server-supplied value on one line, without terminal control: columns and padding stay true. */
const field = (text: string): string => plainText(text, { singleLine: true });

/** A job as `kinetic jobs get` prints it: one `field: value` per line, unset fields left out. */
export function jobDetails(job: BulkJob): string[] {
  const fields: [string, string | number | undefined][] = [
    ['id', job.id],
    ['kind', job.kind],
    ['operation', job.operation],
    ['object', job.object],
    ['state', job.state],
    ['processed', count(job.numberRecordsProcessed)],
    ['failed', job.kind === 'ingest' ? count(job.numberRecordsFailed) : undefined],
    ['externalIdFieldName', job.externalIdFieldName],
    ['createdDate', job.createdDate?.toISOString()],
    ['systemModstamp', job.systemModstamp?.toISOString()],
    // Salesforce sends the version as a JSON number (66.0 arrives as 66)
    ['apiVersion', job.apiVersion?.toFixed(1)],
    ['columnDelimiter', job.columnDelimiter],
    ['lineEnding', job.lineEnding],
    ['concurrencyMode', job.concurrencyMode],
    ['retries', job.retries],
    ['totalProcessingTime', job.totalProcessingTime === undefined ? undefined : `${job.totalProcessingTime} ms`],
    ['errorMessage', job.errorMessage],
  ];
  const shown = fields
    .filter((f): f is [string, string | number] => f[1] !== undefined && f[1] !== '')
    .map(([name, value]): [string, string] => [name, field(String(value))]);
  const width = Math.max(...shown.map(([name]) => name.length));
  return shown.map(([name, value]) => `${`${name}:`.padEnd(width + 2)}${value}`);
}

/**
 * `kinetic jobs list` as a table. Salesforce's job listings carry no counters (ask
 * `kinetic jobs get <id>` for those), so none are shown.
 */
export function jobTable(jobs: readonly BulkJob[]): string[] {
  const header = ['ID', 'KIND', 'OPERATION', 'OBJECT', 'STATE', 'CREATED'];
  const rows = jobs.map((job) =>
    [
      job.id,
      job.kind,
      job.operation,
      job.object,
      job.state,
      job.createdDate?.toISOString().replace(/\.\d+Z$/, 'Z') ?? '',
    ].map((cell) => field(cell)),
  );
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const render = (cells: readonly string[]): string =>
    cells
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [render(header), ...rows.map(render)];
}
