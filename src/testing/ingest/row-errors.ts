/**
 * Builds an `sf__Error` value: `CODE:message:Field1,Field2 --` when fields are named,
 * `CODE:message:--` otherwise (grammar inferred from real result files).
 */
export function sfError(code: string, message: string, fields: readonly string[] = []): string {
  return fields.length > 0 ? `${code}:${message}:${fields.join(',')} --` : `${code}:${message}:--`;
}

/** Long values are cut in messages so one bad cell cannot blow up the failed-results file. */
export function shown(value: string): string {
  return value.length > 100 ? `${value.slice(0, 100)}...` : value;
}

/** An id that is well-formed but matches no record of the object. */
export const invalidCrossReference = (): string => sfError('INVALID_CROSS_REFERENCE_KEY', 'invalid cross reference id');
/** The record is in the recycle bin. */
export const entityIsDeleted = (): string => sfError('ENTITY_IS_DELETED', 'entity is deleted');
/** Not a 15/18-character id with a valid suffix. */
export const malformedId = (value: string): string => sfError('MALFORMED_ID', `malformed id ${shown(value)}`);

/** REQUIRED_FIELD_MISSING naming every missing field, as Salesforce does in one error. */
export function requiredFieldsMissing(fields: readonly string[]): string {
  return sfError('REQUIRED_FIELD_MISSING', `Required fields are missing: [${fields.join(', ')}]`, fields);
}

/** DUPLICATE_VALUE for a unique/external id field already used by another record. */
export function duplicateValue(field: string, existingId: string): string {
  return sfError(
    'DUPLICATE_VALUE',
    `duplicate value found: ${field} duplicates value on record with id: ${existingId}`,
  );
}

/** A system (read-only) field given a value. */
export function notWritable(field: string): string {
  return sfError(
    'INVALID_FIELD_FOR_INSERT_UPDATE',
    `Unable to create/update fields: ${field}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`,
    [field],
  );
}
