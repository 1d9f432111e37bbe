import { normalizeSfId } from '../core/sf-id.js';
import type { SfFieldValue, SfRecord } from '../org/schema-types.js';
import type { RowContext, RowOutcome } from './row-context.js';
import {
  duplicateValue,
  entityIsDeleted,
  invalidCrossReference,
  malformedId,
  requiredFieldsMissing,
  sfError,
} from './row-errors.js';
import { readRowValues } from './row-values.js';

type Changes = Readonly<Record<string, SfFieldValue>>;

const fail = (error: string, id = ''): RowOutcome => ({ ok: false, id, error });

/** Required fields that end up empty: missing from an insert, or set to null by `#N/A`. */
function missingRequired(ctx: RowContext, changes: Changes, existing?: SfRecord): string[] {
  return ctx.object.fields
    .filter((f) => f.required && !f.system)
    .filter((f) => {
      const value = f.name in changes ? changes[f.name] : existing?.[f.name];
      return value === undefined || value === null || value === '';
    })
    .map((f) => f.name);
}

function duplicateError(ctx: RowContext, changes: Changes, selfId?: string): string | undefined {
  for (const field of ctx.object.uniqueFields()) {
    const value = changes[field.name];
    if (value === undefined || value === null) continue;
    const other = ctx.store.findUnique(ctx.object, field, value);
    if (other !== undefined && other !== selfId) return duplicateValue(field.name, other);
  }
  return undefined;
}

function insertRecord(ctx: RowContext, changes: Changes): RowOutcome {
  const missing = missingRequired(ctx, changes);
  if (missing.length > 0) return fail(requiredFieldsMissing(missing));
  const duplicate = duplicateError(ctx, changes);
  if (duplicate) return fail(duplicate);
  return { ok: true, id: ctx.store.insert(ctx.object, changes), created: true };
}

function updateRecord(ctx: RowContext, id: string, changes: Changes): RowOutcome {
  const found = ctx.store.get(id);
  if (!found || found.object !== ctx.object) return fail(invalidCrossReference(), id);
  if (found.record.IsDeleted) return fail(entityIsDeleted(), id);
  const missing = missingRequired(ctx, changes, found.record);
  if (missing.length > 0) return fail(requiredFieldsMissing(missing), id);
  const duplicate = duplicateError(ctx, changes, id);
  if (duplicate) return fail(duplicate, id);
  ctx.store.update(ctx.object, id, changes);
  return { ok: true, id, created: false };
}

function idCell(ctx: RowContext, row: readonly string[]): string {
  return ctx.idColumn >= 0 ? (row[ctx.idColumn] ?? '') : '';
}

/** insert: an Id value is refused, required fields checked, unique fields enforced. */
export function insertRow(ctx: RowContext, row: readonly string[]): RowOutcome {
  if (idCell(ctx, row) !== '') {
    return fail(sfError('INVALID_FIELD_FOR_INSERT_UPDATE', 'cannot specify Id in an insert call', ['Id']));
  }
  const values = readRowValues(ctx, row);
  return values.ok ? insertRecord(ctx, values.changes) : fail(values.error);
}

/** update: by the Id column; empty cells leave fields unchanged. */
export function updateRow(ctx: RowContext, row: readonly string[]): RowOutcome {
  const text = idCell(ctx, row);
  if (text === '') return fail(sfError('MISSING_ARGUMENT', 'Id not specified in an update call'));
  const id = normalizeSfId(text);
  if (!id) return fail(malformedId(text));
  const values = readRowValues(ctx, row);
  return values.ok ? updateRecord(ctx, id, values.changes) : fail(values.error, id);
}

/** upsert: matches live records by the job's external id field (or Id); no match inserts. */
export function upsertRow(ctx: RowContext, row: readonly string[]): RowOutcome {
  const external = ctx.externalId;
  if (!external || external.field.name === 'Id') {
    if (idCell(ctx, row) !== '') return updateRow(ctx, row);
    const values = readRowValues(ctx, row);
    return values.ok ? insertRecord(ctx, values.changes) : fail(values.error);
  }
  const key = row[external.column] ?? '';
  if (key === '' || key === '#N/A') {
    return fail(sfError('MISSING_ARGUMENT', `${external.field.name} not specified`));
  }
  const values = readRowValues(ctx, row);
  if (!values.ok) return fail(values.error);
  const matches = ctx.store.findAll(ctx.object, external.field, values.changes[external.field.name] ?? key);
  const [match] = matches;
  if (matches.length > 1) {
    const message = 'A user-specified external ID matches more than one record during an upsert';
    return fail(sfError('DUPLICATE_EXTERNAL_ID', message, [external.field.name]));
  }
  return match === undefined ? insertRecord(ctx, values.changes) : updateRecord(ctx, match, values.changes);
}

/**
 * delete / hardDelete by Id. A well-formed id that matches nothing fails with
 * INVALID_CROSS_REFERENCE_KEY and is echoed into `sf__Id` (as a live org does). hardDelete
 * also removes rows already in the recycle bin.
 */
export function deleteRow(ctx: RowContext, row: readonly string[], hard: boolean): RowOutcome {
  const text = idCell(ctx, row);
  if (text === '') return fail(sfError('MISSING_ARGUMENT', 'Id not specified in a delete call'));
  const id = normalizeSfId(text);
  if (!id) return fail(malformedId(text));
  const found = ctx.store.get(id);
  if (!found || found.object !== ctx.object) return fail(invalidCrossReference(), text);
  if (found.record.IsDeleted && !hard) return fail(entityIsDeleted(), id);
  if (hard) ctx.store.hardDelete(ctx.object, id);
  else ctx.store.softDelete(ctx.object, id);
  return { ok: true, id, created: false };
}
