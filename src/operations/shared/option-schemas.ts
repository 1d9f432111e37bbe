import * as z from 'zod';

/** `columnDelimiter`, as Salesforce names them. */
export const columnDelimiterSchema = z.enum(['BACKQUOTE', 'CARET', 'COMMA', 'PIPE', 'SEMICOLON', 'TAB']);

/** `lineEnding`, as Salesforce names them. */
export const lineEndingSchema = z.enum(['LF', 'CRLF']);

/** A deadline in minutes: above 0; `Infinity` means no deadline. */
export const minutesSchema = z.number().positive();

/** Which result rows an ingest result keeps. */
export const resultRowsSchema = z.enum(['all', 'failed', 'none']);

/** `all` keeps every result row; `failed` keeps failed and unprocessed rows and counts successes; `none` counts only. */
export type ResultRows = z.infer<typeof resultRowsSchema>;
