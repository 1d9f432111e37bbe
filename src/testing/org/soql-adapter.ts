import type { SoqlRow, SoqlSchema } from '../soql/index.js';
import type { RecordStore } from './record-store.js';
import type { SchemaRegistry } from './schema-registry.js';
import type { SObjectSchema } from './sobject-schema.js';
import type { SfField, SfFieldType, SfRecord } from './schema-types.js';

type SoqlType = NonNullable<ReturnType<SoqlSchema['fieldType']>>;

const SOQL_TYPES: Readonly<Record<SfFieldType, SoqlType>> = {
  string: 'string',
  textarea: 'string',
  int: 'number',
  number: 'number',
  double: 'number',
  currency: 'number',
  boolean: 'boolean',
  date: 'date',
  datetime: 'datetime',
  id: 'id',
  reference: 'reference',
};

/** Splits a dotted path; a leading segment naming the object itself (`Account.Name` on Account) is dropped. */
function segmentsOf(object: SObjectSchema, path: string): string[] {
  const segments = path.split('.');
  const first = segments[0] ?? '';
  if (segments.length > 1 && first.toLowerCase() === object.name.toLowerCase() && !object.relationship(first)) {
    return segments.slice(1);
  }
  return segments;
}

/** Walks a dotted path through the schema to its final field. */
export function fieldAtPath(schema: SchemaRegistry, object: SObjectSchema, path: string): SfField | undefined {
  const segments = segmentsOf(object, path);
  let current: SObjectSchema | undefined = object;
  for (const segment of segments.slice(0, -1)) {
    const reference: SfField | undefined = current?.relationship(segment);
    current = reference?.referenceTo ? schema.object(reference.referenceTo) : undefined;
    if (!current) return undefined;
  }
  return current?.field(segments[segments.length - 1] ?? '');
}

/** The SoqlSchema view of the org schema, for validating queries. */
export function soqlSchemaOf(schema: SchemaRegistry): SoqlSchema {
  return {
    hasObject: (object) => schema.object(object) !== undefined,
    fieldType: (object, path) => {
      const sobject = schema.object(object);
      const field = sobject ? fieldAtPath(schema, sobject, path) : undefined;
      return field ? SOQL_TYPES[field.type] : undefined;
    },
  };
}

/**
 * Reads `path` from a stored row, following lookups through the store: a missing parent gives
 * null, an unknown path undefined. The row's sObject is found from its Id prefix.
 */
export function soqlResolver(schema: SchemaRegistry, store: RecordStore): (row: SoqlRow, path: string) => unknown {
  return (row, path) => {
    const start = schema.objectForId(String(row.Id ?? ''));
    if (!start) return undefined;
    const segments = segmentsOf(start, path);
    let object: SObjectSchema = start;
    let record: SfRecord | SoqlRow = row;
    for (const segment of segments.slice(0, -1)) {
      const reference: SfField | undefined = object.relationship(segment);
      if (!reference) return undefined;
      const parentId: unknown = record[reference.name];
      const parent: { object: SObjectSchema; record: SfRecord } | undefined =
        typeof parentId === 'string' ? store.get(parentId) : undefined;
      if (!parent) return null;
      object = parent.object;
      record = parent.record;
    }
    const field = object.field(segments[segments.length - 1] ?? '');
    return field ? (record[field.name] ?? null) : undefined;
  };
}
