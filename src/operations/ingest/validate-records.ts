import { ValidationError, type ValidationIssue } from '../../errors/validation-error.js';
import { unstorableText } from '../../csv/storable-text.js';
import type { IngestOperation } from '../../models/job-state.js';
import { isColumnName, isSalesforceId } from '../shared/api-names.js';
import type { BulkRecord } from '../shared/bulk-event.js';

/** What a record must carry for an operation. */
export interface RecordRules {
  readonly operation: IngestOperation;
  readonly externalIdField?: string | undefined;
  /**
   * Column names already found valid (a stream's records mostly repeat them): filled as records
   * are checked, so each name is checked once per load.
   */
  readonly validNames?: Set<string> | undefined;
  /** Leave text values to the CSV writer, which refuses what Salesforce cannot store with the same error. */
  readonly textCheckedLater?: boolean | undefined;
}

const MAX_ISSUES = 20;

/**
 * Checks one input record and returns the problems found (empty when it is fine):
 * a plain object, valid column names, `Id` for update/delete/hardDelete (and a well-formed
 * one), the external id for upsert.
 */
export function recordIssues(record: unknown, index: number, rules: RecordRules): ValidationIssue[] {
  if (record === null || typeof record !== 'object' || Array.isArray(record) || record instanceof Date) {
    return [{ index, message: `record ${index} is not an object` }];
  }
  const issues: ValidationIssue[] = [];
  const row = record as BulkRecord;
  const known = rules.validNames;
  const valid = (name: string): boolean => {
    if (known?.has(name)) return true;
    const ok = isColumnName(name);
    // a hostile stream could bring endless new names: the cache stays bounded
    if (ok && known && known.size < 10_000) known.add(name);
    return ok;
  };
  const text = rules.textCheckedLater ? undefined : textIssue;
  for (const key of Object.keys(row)) {
    const value = row[key];
    if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
      for (const [child, childValue] of Object.entries(value as Record<string, unknown>)) {
        if (!valid(`${key}.${child}`))
          issues.push({
            index,
            field: `${key}.${child}`,
            message: `invalid field name ${JSON.stringify(`${key}.${child}`)}`,
          });
        else text?.(childValue, `${key}.${child}`, index, issues);
      }
    } else if (!valid(key)) {
      issues.push({ index, field: key, message: `invalid field name ${JSON.stringify(key.slice(0, 60))}` });
    } else {
      text?.(value, key, index, issues);
    }
  }
  const { operation, externalIdField } = rules;
  if (operation === 'update' || operation === 'delete' || operation === 'hardDelete') {
    const id = row.Id;
    if (id === undefined || id === null || id === '')
      issues.push({ index, field: 'Id', message: `record ${index} has no Id (required for ${operation})` });
    else if (!isSalesforceId(id))
      issues.push({
        index,
        field: 'Id',
        message: `record ${index} has a malformed Id ${JSON.stringify(String(id).slice(0, 40))}`,
      });
  }
  if (operation === 'upsert' && externalIdField) {
    const value = lookup(row, externalIdField);
    if (value === undefined || value === null || value === '') {
      issues.push({
        index,
        field: externalIdField,
        message: `record ${index} has no value for the external id field ${externalIdField}`,
      });
    } else if (externalIdField.toLowerCase() === 'id' && !isSalesforceId(value)) {
      issues.push({ index, field: externalIdField, message: `record ${index} has a malformed Id` });
    }
  }
  return issues;
}

/** Validates every record; throws one ValidationError listing the first problems (record index and field). */
export function validateRecords(records: Iterable<unknown>, rules: RecordRules): void {
  const issues: ValidationIssue[] = [];
  let index = 0;
  for (const record of records) {
    issues.push(...recordIssues(record, index, rules));
    if (issues.length >= MAX_ISSUES) break;
    index += 1;
  }
  throwIfAny(issues);
}

/** Throws a ValidationError for a non-empty list of issues. */
export function throwIfAny(issues: readonly ValidationIssue[]): void {
  if (issues.length === 0) return;
  const first = issues[0] as ValidationIssue;
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more problem${issues.length > 2 ? 's' : ''})` : '';
  throw new ValidationError(`${first.message}${more}`, issues);
}

/** A field by name, case-insensitively as Salesforce matches columns. */
function lookup(row: BulkRecord, field: string): unknown {
  if (field in row) return row[field];
  const lower = field.toLowerCase();
  for (const [key, value] of Object.entries(row)) if (key.toLowerCase() === lower) return value;
  return undefined;
}

/** A string Salesforce could not store (NUL, lone surrogate): named by record and field, never quoted. */
function textIssue(value: unknown, field: string, index: number, issues: ValidationIssue[]): void {
  if (typeof value !== 'string') return;
  const problem = unstorableText(value);
  if (problem !== undefined) issues.push({ index, field, message: `Field "${field}" of record ${index} ${problem}` });
}
