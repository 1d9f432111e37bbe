import type {
  SoqlComparisonOperator,
  SoqlCondition,
  SoqlFieldType,
  SoqlLiteral,
  SoqlQuery,
  SoqlSchema,
} from './soql-ast.js';
import { SoqlError, SoqlErrorCode } from './soql-error.js';

// Type names as Salesforce prints them in filter errors (SOAP names).
const TYPE_NAMES: Readonly<Record<SoqlFieldType, string>> = {
  string: 'string',
  number: 'double',
  boolean: 'boolean',
  date: 'date',
  datetime: 'dateTime',
  id: 'id',
  reference: 'reference',
};

const ACCEPTED: Readonly<Record<SoqlFieldType, readonly SoqlLiteral['kind'][]>> = {
  string: ['string'],
  id: ['string'],
  reference: ['string'],
  number: ['number'],
  boolean: ['boolean'],
  date: ['date', 'relativeDate'],
  datetime: ['datetime', 'relativeDate'],
};

const TEXT_TYPES: readonly SoqlFieldType[] = ['string', 'id', 'reference'];

function invalidField(message: string): SoqlError {
  return new SoqlError(SoqlErrorCode.INVALID_FIELD, message);
}

function requireField(schema: SoqlSchema, object: string, path: string): SoqlFieldType {
  const type = schema.fieldType(object, path);
  if (type === undefined) {
    throw invalidField(
      `No such column '${path}' on entity '${object}'. If you are attempting to use a custom field, ` +
        `be sure to append the '__c' after the custom field name. ` +
        `Please reference your WSDL or the describe call for the appropriate names.`,
    );
  }
  return type;
}

function checkLiteral(
  field: string,
  type: SoqlFieldType,
  operator: SoqlComparisonOperator,
  literal: SoqlLiteral,
): void {
  if (operator === 'LIKE' && type !== 'string') {
    throw invalidField(`invalid operator on ${TYPE_NAMES[type]} field '${field}': LIKE needs a text field`);
  }
  if (literal.kind === 'null' || ACCEPTED[type].includes(literal.kind)) return;
  const typeName = TYPE_NAMES[type];
  let quoting = '';
  if (TEXT_TYPES.includes(type)) quoting = ' and should be enclosed in quotes';
  else if (literal.kind === 'string') quoting = ' and should not be enclosed in quotes';
  throw invalidField(`value of filter criterion for field '${field}' must be of type ${typeName}${quoting}`);
}

function checkCondition(condition: SoqlCondition, schema: SoqlSchema, object: string): void {
  switch (condition.kind) {
    case 'and':
    case 'or':
      condition.operands.forEach((c) => checkCondition(c, schema, object));
      return;
    case 'not':
      checkCondition(condition.operand, schema, object);
      return;
    case 'comparison': {
      const type = requireField(schema, object, condition.field);
      checkLiteral(condition.field, type, condition.operator, condition.value);
      return;
    }
    case 'in': {
      const type = requireField(schema, object, condition.field);
      condition.values.forEach((v) => checkLiteral(condition.field, type, '=', v));
      return;
    }
  }
}

/**
 * Checks a parsed query against the org's schema, in Salesforce's order: object, select list,
 * WHERE, ORDER BY.
 *
 * Literal type errors are reported as `INVALID_FIELD` with Salesforce's filter wording, e.g.
 * `value of filter criterion for field 'IsActive' must be of type boolean and should not be
 * enclosed in quotes`. Dates accept `yyyy-mm-dd` and relative literals, date-times accept ISO
 * date-times and relative literals; NULL fits every type. LIKE is allowed on text fields only.
 *
 * @throws SoqlError `INVALID_TYPE` for an unknown object, `INVALID_FIELD` for an unknown field
 *   or an ill-typed literal.
 */
export function validateSoql(query: SoqlQuery, schema: SoqlSchema): void {
  if (!schema.hasObject(query.object)) {
    throw new SoqlError(
      SoqlErrorCode.INVALID_TYPE,
      `sObject type '${query.object}' is not supported. If you are attempting to use a custom object, ` +
        `be sure to append the '__c' after the entity name. ` +
        `Please reference your WSDL or the describe call for the appropriate names.`,
    );
  }
  query.fields.forEach((field) => requireField(schema, query.object, field));
  if (query.where) checkCondition(query.where, schema, query.object);
  query.orderBy.forEach((key) => requireField(schema, query.object, key.field));
}
