import { concatMap, from, fromEvent, lastValueFrom, takeUntil } from 'rxjs';
import type { CsvDialect } from '../csv/detect-csv-dialect.js';
import type { BulkResult, SalesforceClient } from '../index.js';
import type { Interrupt } from './interrupt.js';
import type { LoadOptions } from './load-options.js';
import { ResultFiles } from './result-files.js';

/**
 * Writes the three files: failed and unprocessed rows (held by the result, in input order), then
 * each job's successful rows streamed from the server. Undefined when Ctrl-C stopped the writing
 * (the partial files are removed); a write or download error is thrown.
 */
export async function writeLoadResults(
  client: SalesforceClient,
  result: BulkResult,
  files: ResultFiles,
  interrupt: Interrupt,
): Promise<ResultFiles | undefined> {
  const byInput = <T extends { readonly inputIndex?: number | undefined }>(rows: readonly T[]): T[] =>
    [...rows].sort((a, b) => (a.inputIndex ?? Number.MAX_SAFE_INTEGER) - (b.inputIndex ?? Number.MAX_SAFE_INTEGER));
  await files.writeFailed(byInput(result.failedRecords));
  await files.writeUnprocessed(byInput(result.unprocessedRecords));
  for (const job of result.jobs) {
    if (interrupt.fired) break;
    const rows = client.bulk.jobResults(job.id, ['success']).pipe(
      takeUntil(fromEvent(interrupt.signal, 'abort')),
      concatMap((batch) => from(files.write(batch))),
    );
    await lastValueFrom(rows, { defaultValue: undefined });
  }
  if (interrupt.fired) {
    await files.abandon();
    return undefined;
  }
  await files.close();
  return files;
}

/** The result files, opened before any job exists: a folder that cannot be written stops the command here. */
export function openLoadResultFiles(dir: string, options: LoadOptions, dialect: CsvDialect): Promise<ResultFiles> {
  return ResultFiles.open(dir, {
    inputRow: true,
    style: options.sfResults ? 'salesforce' : 'kinetic',
    dialect: { delimiter: dialect.columnDelimiter, lineEnding: dialect.lineEnding },
    namedByUser: options.resultsDir !== undefined || options.resume !== undefined,
  });
}

/** Writes the files; on a failure they are abandoned (their partial files removed) and undefined is returned. */
export async function writeOrAbandon(
  write: () => Promise<ResultFiles | undefined>,
  files: ResultFiles,
): Promise<ResultFiles | undefined> {
  try {
    return await write();
  } catch {
    await files.abandon();
    return undefined;
  }
}
