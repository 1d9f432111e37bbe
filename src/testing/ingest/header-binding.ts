import type { SchemaRegistry } from '../org/schema-registry.js';
import type { SfField } from '../org/schema-types.js';
import type { SObjectSchema } from '../org/sobject-schema.js';

/** What one CSV column writes to. */
export type ColumnBinding =
  | { readonly kind: 'field'; readonly field: SfField }
  | {
      /** `Account.External_Key__c`: sets the lookup `reference` to the parent found by `parentField`. */
      readonly kind: 'relationship';
      readonly reference: SfField;
      readonly parent: SObjectSchema;
      readonly parentField: SfField;
    };

/** Either every column bound, or the job-level failure message. */
export type HeaderBindingResult =
  { readonly ok: true; readonly columns: readonly ColumnBinding[] } | { readonly ok: false; readonly message: string };

const notFound = (header: string): HeaderBindingResult => ({
  ok: false,
  message: `InvalidBatch : Field name not found : ${header}`,
});

function bindRelationship(
  header: string,
  object: SObjectSchema,
  schema: SchemaRegistry,
): ColumnBinding | HeaderBindingResult {
  const typed = /^([^:.]+):([^.]+)\.(.+)$/.exec(header);
  const [relationshipName = '', parentFieldName = ''] = typed ? [typed[2], typed[3]] : header.split('.', 2);
  const reference = object.relationship(relationshipName);
  const parent = reference?.referenceTo ? schema.object(reference.referenceTo) : undefined;
  if (!reference || !parent) return notFound(header);
  // Every lookup in the emulated schema points at one object type, so a type prefix is refused.
  if (typed) {
    return {
      ok: false,
      message: `InvalidBatch : type is not needed for non polymorphic foreign key references: ${relationshipName}`,
    };
  }
  if (header.split('.').length > 2) return notFound(header);
  const parentField = parent.field(parentFieldName);
  if (!parentField) return notFound(header);
  if (!parentField.idLookup && !parentField.externalId && parentField.name !== 'Id') {
    return {
      ok: false,
      message: `InvalidBatch : Field ${parentField.name} is not an external id or indexed field of ${parent.name}: ${header}`,
    };
  }
  return { kind: 'relationship', reference, parent, parentField };
}

/**
 * Maps header cells (case-insensitively) to fields and relationship lookups. The first unknown
 * column fails the whole job with `InvalidBatch : Field name not found : <header>`.
 */
export function bindHeader(
  header: readonly string[],
  object: SObjectSchema,
  schema: SchemaRegistry,
): HeaderBindingResult {
  const columns: ColumnBinding[] = [];
  const seen = new Set<string>();
  for (const cell of header) {
    const key = cell.toLowerCase();
    if (seen.has(key)) return { ok: false, message: `InvalidBatch : Duplicate field name: ${cell}` };
    seen.add(key);
    if (cell.includes('.')) {
      const bound = bindRelationship(cell, object, schema);
      if ('ok' in bound) return bound;
      columns.push(bound);
      continue;
    }
    const field = object.field(cell);
    if (!field) return notFound(cell);
    columns.push({ kind: 'field', field });
  }
  return { ok: true, columns };
}
