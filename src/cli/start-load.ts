import { resolve as resolvePath } from 'node:path';
import type { Observable } from 'rxjs';
import {
  csvInput,
  type BulkEvent,
  type BulkResult,
  type IngestOperation,
  type IngestOptions,
  type SalesforceClient,
} from '../index.js';
import type { LoadInput } from './load-input.js';
import { folderJournal } from './load-journal-file.js';
import type { LoadOptions } from './load-options.js';

/**
 * The load as the SDK runs it: the file as raw CSV, split into jobs by size, journaled in the
 * results folder, keeping only failed and unprocessed rows in memory.
 */
export function startLoad(
  client: SalesforceClient,
  operation: IngestOperation,
  object: string,
  options: LoadOptions,
  input: LoadInput,
  dir: string,
): Observable<BulkEvent<BulkResult>> {
  const csv = csvInput(input.text);
  const settings: IngestOptions = {
    wait: options.wait,
    resultRows: 'failed',
    columnDelimiter: input.dialect.columnDelimiter,
    lineEnding: input.dialect.lineEnding,
    journal: {
      store: folderJournal(dir),
      input: { name: resolvePath(options.file), ...(input.size !== undefined ? { size: input.size } : {}) },
    },
    ...(options.timeoutMinutes !== undefined ? { timeoutMinutes: options.timeoutMinutes } : {}),
    ...(options.concurrency !== undefined ? { concurrency: options.concurrency } : {}),
    ...(options.maxRecordsPerJob !== undefined ? { maxRecordsPerJob: options.maxRecordsPerJob } : {}),
    ...(options.maxBytesPerJob !== undefined ? { maxBytesPerJob: options.maxBytesPerJob } : {}),
  };
  switch (operation) {
    case 'insert':
      return client.bulk.insert(object, csv, settings);
    case 'update':
      return client.bulk.update(object, csv, settings);
    case 'upsert':
      return client.bulk.upsert(object, csv, options.externalId ?? '', settings);
    case 'delete':
      return client.bulk.delete(object, csv, settings);
    case 'hardDelete':
      return client.bulk.hardDelete(object, csv, settings);
  }
}
