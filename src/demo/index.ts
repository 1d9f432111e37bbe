// The `npm start` demo (Node only). Not part of the published API: nothing imports it.
export { runDemo, type DemoOptions, type DemoSummary } from './run-demo.js';
export type { InsertSummary } from './insert-step.js';
export type { PrintedError, UpsertSummary } from './upsert-step.js';
export type { QuerySummary } from './query-step.js';
export type { CancelSummary } from './cancel-step.js';
