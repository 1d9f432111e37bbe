import { normalizeSfId } from '../core/sf-id.js';
import type { SfField, SfFieldValue } from '../org/schema-types.js';
import type { SObjectSchema } from '../org/sobject-schema.js';
import type { ColumnBinding } from './header-binding.js';
import type { RowContext } from './row-context.js';
import { entityIsDeleted, invalidCrossReference, notWritable, sfError, shown } from './row-errors.js';
import { coerceValue } from './value-coercion.js';

/** The value `#N/A` sets a field to null; an empty cell leaves it alone. */
export const NULL_MARKER = '#N/A';

/** Field changes read from a row, or the first row error found. */
export type RowValues =
  | { readonly ok: true; readonly changes: Readonly<Record<string, SfFieldValue>> }
  | { readonly ok: false; readonly error: string };

type Value = { ok: true; value: SfFieldValue } | { ok: false; error: string };

/**
 * A lookup given as an id: malformed -> MALFORMED_ID, wrong object -> FIELD_INTEGRITY_EXCEPTION,
 * unknown -> INVALID_CROSS_REFERENCE_KEY, parent in the recycle bin -> ENTITY_IS_DELETED
 * (codes as Salesforce uses them for lookups; the exact messages are our wording).
 */
function referenceValue(ctx: RowContext, field: SfField, text: string): Value {
  const id = normalizeSfId(text);
  const message = `${field.label}: id value of incorrect type: ${shown(text)}`;
  if (!id) return { ok: false, error: sfError('MALFORMED_ID', message, [field.name]) };
  const target = field.referenceTo ? ctx.schema.object(field.referenceTo) : undefined;
  if (target && id.slice(0, 3) !== target.keyPrefix) {
    return { ok: false, error: sfError('FIELD_INTEGRITY_EXCEPTION', message, [field.name]) };
  }
  const found = ctx.store.get(id);
  if (!found) return { ok: false, error: invalidCrossReference() };
  if (found.record.IsDeleted) return { ok: false, error: entityIsDeleted() };
  return { ok: true, value: id };
}

/** `Account.External_Key__c`: finds exactly one live parent by that field. */
function relationshipValue(ctx: RowContext, parent: SObjectSchema, parentField: SfField, text: string): Value {
  let ids: string[];
  if (parentField.name === 'Id') {
    const id = normalizeSfId(text);
    const found = id ? ctx.store.get(id) : undefined;
    ids = found && found.object === parent && !found.record.IsDeleted ? [String(found.record.Id)] : [];
  } else {
    const coerced = coerceValue(parentField, text);
    ids = coerced.ok ? ctx.store.findAll(parent, parentField, coerced.value) : [];
  }
  const [first] = ids;
  if (first !== undefined && ids.length === 1) return { ok: true, value: first };
  const detail = ids.length === 0 ? 'not found' : 'matched more than one record';
  const message = `Foreign key external ID: ${shown(text)} ${detail} for field ${parentField.name} in entity ${parent.name}`;
  return { ok: false, error: sfError('INVALID_FIELD', message) };
}

function cellValue(ctx: RowContext, binding: ColumnBinding, text: string): Value {
  if (binding.kind === 'relationship') {
    return text === NULL_MARKER
      ? { ok: true, value: null }
      : relationshipValue(ctx, binding.parent, binding.parentField, text);
  }
  const { field } = binding;
  if (field.system) return { ok: false, error: notWritable(field.name) };
  if (text === NULL_MARKER) return { ok: true, value: null };
  return field.type === 'reference' ? referenceValue(ctx, field, text) : coerceValue(field, text);
}

/** Reads every non-empty cell except `Id` (handled by the operation) into field changes. */
export function readRowValues(ctx: RowContext, row: readonly string[]): RowValues {
  const changes: Record<string, SfFieldValue> = {};
  for (const [index, binding] of ctx.columns.entries()) {
    const text = row[index] ?? '';
    if (text === '' || index === ctx.idColumn) continue;
    const value = cellValue(ctx, binding, text);
    if (!value.ok) return value;
    const target = binding.kind === 'relationship' ? binding.reference : binding.field;
    changes[target.name] = value.value;
  }
  return { ok: true, changes };
}
