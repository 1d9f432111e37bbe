/** Job states of Bulk API 2.0 (`JobStateEnum`). */
export type JobState = 'Open' | 'UploadComplete' | 'InProgress' | 'JobComplete' | 'Failed' | 'Aborted';

/** Ingest operations. */
export type IngestOperation = 'insert' | 'update' | 'upsert' | 'delete' | 'hardDelete';

/** Query operations: `queryAll` also returns deleted and archived rows. */
export type QueryOperation = 'query' | 'queryAll';

/** The six `columnDelimiter` values. */
export type ColumnDelimiter = 'BACKQUOTE' | 'CARET' | 'COMMA' | 'PIPE' | 'SEMICOLON' | 'TAB';

/** The two `lineEnding` values. */
export type LineEnding = 'LF' | 'CRLF';

/** The states a job never leaves: `JobComplete`, `Failed`, `Aborted`. */
export const TERMINAL_STATES: readonly JobState[] = ['JobComplete', 'Failed', 'Aborted'];

/** True for `JobComplete`, `Failed` and `Aborted`: the server will not change the job again. */
export function isTerminalState(state: string): boolean {
  return state === 'JobComplete' || state === 'Failed' || state === 'Aborted';
}
