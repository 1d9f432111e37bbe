/** Every job state of Bulk API 2.0 (`JobStateEnum`), in the order a job passes them. */
export const JOB_STATES = ['Open', 'UploadComplete', 'InProgress', 'JobComplete', 'Failed', 'Aborted'] as const;

/** Job states of Bulk API 2.0 (`JobStateEnum`). */
export type JobState = (typeof JOB_STATES)[number];

/** Ingest operations. */
export type IngestOperation = 'insert' | 'update' | 'upsert' | 'delete' | 'hardDelete';

/** Query operations: `queryAll` also returns deleted and archived rows. */
export type QueryOperation = 'query' | 'queryAll';

/** The six `columnDelimiter` values. */
export const COLUMN_DELIMITERS = ['BACKQUOTE', 'CARET', 'COMMA', 'PIPE', 'SEMICOLON', 'TAB'] as const;

/** The six `columnDelimiter` values. */
export type ColumnDelimiter = (typeof COLUMN_DELIMITERS)[number];

/** The two `lineEnding` values. */
export const LINE_ENDINGS = ['LF', 'CRLF'] as const;

/** The two `lineEnding` values. */
export type LineEnding = (typeof LINE_ENDINGS)[number];

/** The states a job never leaves: `JobComplete`, `Failed`, `Aborted`. */
export const TERMINAL_STATES: readonly JobState[] = ['JobComplete', 'Failed', 'Aborted'];

/** True for `JobComplete`, `Failed` and `Aborted`: the server will not change the job again. */
export function isTerminalState(state: string): boolean {
  return state === 'JobComplete' || state === 'Failed' || state === 'Aborted';
}
