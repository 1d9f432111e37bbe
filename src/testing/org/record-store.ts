import type { SfIdGenerator } from '../core/sf-id.js';
import type { SchemaRegistry } from './schema-registry.js';
import type { SObjectSchema } from './sobject-schema.js';
import type { SfField, SfFieldValue, SfRecord } from './schema-types.js';

type MutableRecord = Record<string, SfFieldValue>;

/** External ids are case-insensitive by default in Salesforce, so the index key is lower-cased. */
function uniqueKey(value: SfFieldValue): string | undefined {
  if (value === null || value === '') return undefined;
  return typeof value === 'string' ? value.toLowerCase() : String(value);
}

/**
 * The org's rows, per sObject, with an index per unique field (live rows only: a soft-deleted
 * row no longer blocks its external id, and upserts never match it).
 */
export class RecordStore {
  private readonly tables = new Map<string, Map<string, MutableRecord>>();
  private readonly indexes = new Map<string, Map<string, string>>();

  constructor(
    private readonly schema: SchemaRegistry,
    private readonly ids: SfIdGenerator,
    private readonly now: () => number,
    private readonly userId: string,
  ) {}

  private table(object: SObjectSchema): Map<string, MutableRecord> {
    let table = this.tables.get(object.name);
    if (!table) this.tables.set(object.name, (table = new Map()));
    return table;
  }

  private index(object: SObjectSchema, field: SfField): Map<string, string> {
    const name = `${object.name}.${field.name}`;
    let index = this.indexes.get(name);
    if (!index) this.indexes.set(name, (index = new Map()));
    return index;
  }

  private reindex(object: SObjectSchema, record: MutableRecord, add: boolean): void {
    for (const field of object.uniqueFields()) {
      const key = uniqueKey(record[field.name] ?? null);
      if (key === undefined) continue;
      const index = this.index(object, field);
      if (add) index.set(key, String(record.Id));
      else if (index.get(key) === record.Id) index.delete(key);
    }
  }

  /** The live record holding `value` in a unique field, if any. */
  findUnique(object: SObjectSchema, field: SfField, value: SfFieldValue): string | undefined {
    const key = uniqueKey(value);
    return key === undefined ? undefined : this.index(object, field).get(key);
  }

  /** Live records whose `field` equals `value` (case-insensitive for strings). */
  findAll(object: SObjectSchema, field: SfField, value: SfFieldValue): string[] {
    if (field.externalId || field.unique) {
      const id = this.findUnique(object, field, value);
      return id === undefined ? [] : [id];
    }
    const key = uniqueKey(value);
    const out: string[] = [];
    for (const record of this.table(object).values()) {
      if (!record.IsDeleted && uniqueKey(record[field.name] ?? null) === key) out.push(String(record.Id));
    }
    return out;
  }

  /** Stores a new record (values keyed by canonical field names) and returns its id. */
  insert(object: SObjectSchema, values: Readonly<Record<string, SfFieldValue>>): string {
    for (const field of object.uniqueFields()) {
      const existing = this.findUnique(object, field, values[field.name] ?? null);
      if (existing !== undefined) throw new Error(`duplicate value for ${object.name}.${field.name}`);
    }
    const stamp = new Date(this.now()).toISOString();
    const id = this.ids.next(object.keyPrefix);
    const record: MutableRecord = {};
    for (const field of object.fields) {
      record[field.name] = values[field.name] ?? (field.type === 'boolean' ? false : null);
    }
    Object.assign(record, {
      Id: id,
      IsDeleted: false,
      CreatedDate: values.CreatedDate ?? stamp,
      CreatedById: this.userId,
      LastModifiedDate: stamp,
      LastModifiedById: this.userId,
      SystemModstamp: stamp,
    });
    this.table(object).set(id, record);
    this.reindex(object, record, true);
    return id;
  }

  /** Applies changes to an existing record. */
  update(object: SObjectSchema, id: string, changes: Readonly<Record<string, SfFieldValue>>): void {
    const record = this.table(object).get(id);
    if (!record) throw new Error(`no ${object.name} with id ${id}`);
    this.reindex(object, record, false);
    const stamp = new Date(this.now()).toISOString();
    Object.assign(record, changes, { LastModifiedDate: stamp, LastModifiedById: this.userId, SystemModstamp: stamp });
    this.reindex(object, record, !record.IsDeleted);
  }

  /** Moves a record to the recycle bin: `IsDeleted` true, still visible to queryAll. */
  softDelete(object: SObjectSchema, id: string): void {
    const record = this.table(object).get(id);
    if (!record) return;
    this.reindex(object, record, false);
    record.IsDeleted = true;
    record.SystemModstamp = new Date(this.now()).toISOString();
  }

  /** Removes a record for good. */
  hardDelete(object: SObjectSchema, id: string): void {
    const record = this.table(object).get(id);
    if (!record) return;
    this.reindex(object, record, false);
    this.table(object).delete(id);
  }

  /** The record with this (18-character) id, deleted or not. */
  get(id: string): { object: SObjectSchema; record: SfRecord } | undefined {
    const object = this.schema.objectForId(id);
    const record = object ? this.table(object).get(id) : undefined;
    return object && record ? { object, record } : undefined;
  }

  /** Rows of an sObject in insertion order. */
  *rows(object: SObjectSchema, includeDeleted: boolean): IterableIterator<SfRecord> {
    for (const record of this.table(object).values()) {
      if (includeDeleted || !record.IsDeleted) yield record;
    }
  }

  /** Removes every row of one sObject, or of all of them. */
  clear(object?: SObjectSchema): void {
    if (!object) {
      this.tables.clear();
      this.indexes.clear();
      return;
    }
    this.tables.delete(object.name);
    for (const key of [...this.indexes.keys()]) if (key.startsWith(`${object.name}.`)) this.indexes.delete(key);
  }
}
