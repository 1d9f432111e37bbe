import { normalizeSfId } from '../core/sf-id.js';
import type { RecordStore } from './record-store.js';
import type { SchemaRegistry } from './schema-registry.js';
import type { SObjectSchema } from './sobject-schema.js';
import type { SfFieldValue, SfRecord } from './schema-types.js';

/** Options of the org listing calls. */
export interface OrgListOptions {
  /** Also return soft-deleted rows (`IsDeleted` true), as queryAll sees them. */
  readonly includeDeleted?: boolean;
}

/** Direct access to the emulator's in-memory org, for seeding data and asserting on it. */
export interface EmulatorOrg {
  /** Copies of the rows of an sObject, in insertion order. */
  records(object: string, options?: OrgListOptions): SfRecord[];
  /** Stores seed records directly (no row validation except unique fields); returns their ids. */
  insert(object: string, records: readonly Readonly<Record<string, SfFieldValue>>[]): string[];
  /** A copy of the record with this 15- or 18-character id, deleted or not. */
  get(id: string): SfRecord | undefined;
  /** Number of rows of an sObject. */
  count(object: string, options?: OrgListOptions): number;
  /** Removes all rows of one sObject, or of every sObject. */
  clear(object?: string): void;
  /** API names of the sObjects in the schema. */
  objects(): string[];
}

function requireObject(schema: SchemaRegistry, name: string): SObjectSchema {
  const object = schema.object(name);
  if (!object) throw new Error(`Unknown sObject: ${name}`);
  return object;
}

/** Builds the public org facade over the schema and the store. */
export function createEmulatorOrg(schema: SchemaRegistry, store: RecordStore): EmulatorOrg {
  return {
    records: (object, options) =>
      [...store.rows(requireObject(schema, object), options?.includeDeleted ?? false)].map((r) => ({ ...r })),
    insert: (object, records) => {
      const sobject = requireObject(schema, object);
      return records.map((input) => {
        const values: Record<string, SfFieldValue> = {};
        for (const [key, value] of Object.entries(input)) {
          const field = sobject.field(key);
          if (!field) throw new Error(`Unknown field ${object}.${key}`);
          const id = field.type === 'reference' && typeof value === 'string' ? normalizeSfId(value) : undefined;
          values[field.name] = id ?? value;
        }
        return store.insert(sobject, values);
      });
    },
    get: (id) => {
      const full = normalizeSfId(id);
      const found = full ? store.get(full) : undefined;
      return found ? { ...found.record } : undefined;
    },
    count: (object, options) => {
      let n = 0;
      for (const _ of store.rows(requireObject(schema, object), options?.includeDeleted ?? false)) n++;
      return n;
    },
    clear: (object) => store.clear(object === undefined ? undefined : requireObject(schema, object)),
    objects: () => schema.objects().map((o) => o.name),
  };
}
