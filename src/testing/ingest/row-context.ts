import type { RecordStore } from '../org/record-store.js';
import type { SchemaRegistry } from '../org/schema-registry.js';
import type { SfField } from '../org/schema-types.js';
import type { SObjectSchema } from '../org/sobject-schema.js';
import type { ColumnBinding } from './header-binding.js';

/** Everything needed to apply one CSV row to the org. */
export interface RowContext {
  readonly schema: SchemaRegistry;
  readonly store: RecordStore;
  readonly object: SObjectSchema;
  readonly columns: readonly ColumnBinding[];
  /** Index of the `Id` column, or -1. */
  readonly idColumn: number;
  /** For upsert: the external id field and its column. */
  readonly externalId?: { readonly field: SfField; readonly column: number };
}

/** The outcome of one row: saved (with `created`), or failed with an `sf__Error` value. */
export type RowOutcome =
  | { readonly ok: true; readonly id: string; readonly created: boolean }
  | { readonly ok: false; readonly id: string; readonly error: string };
