/**
 * The three result files of an ingest job, named as everywhere in this SDK: `success`
 * (Salesforce's `successfulResults`), `failed` (`failedResults`), `unprocessed` (`unprocessedrecords`).
 */
export type ResultFileKind = 'success' | 'failed' | 'unprocessed';

/** Every result file, in the order they are read. */
export const RESULT_FILE_KINDS: readonly ResultFileKind[] = Object.freeze(['success', 'failed', 'unprocessed']);
