import * as z from 'zod/mini';
import { COLUMN_DELIMITERS, LINE_ENDINGS } from '../../models/job-state.js';

/** `columnDelimiter`, as Salesforce names them. */
export const columnDelimiterSchema = z.enum(COLUMN_DELIMITERS);

/** `lineEnding`, as Salesforce names them. */
export const lineEndingSchema = z.enum(LINE_ENDINGS);

/** A deadline in minutes: above 0; `Infinity` means no deadline (zod refuses `Infinity` as a number, so it is named). */
export const minutesSchema = z.union([z.number().check(z.positive()), z.literal(Infinity)]);

/** Which result rows an ingest result keeps. */
export const resultRowsSchema = z.enum(['all', 'failed', 'none']);

/** `all` keeps every result row; `failed` keeps failed and unprocessed rows and counts successes; `none` counts only. */
export type ResultRows = z.output<typeof resultRowsSchema>;
