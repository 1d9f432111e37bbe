import { parseSfDate, parseSfDateTime } from '../core/sf-date.js';
import type { SfField, SfFieldValue } from '../org/schema-types.js';
import { sfError, shown } from './row-errors.js';

/** A CSV cell converted to a stored value, or the row error it causes. */
export type Coerced =
  { readonly ok: true; readonly value: SfFieldValue } | { readonly ok: false; readonly error: string };

const INTEGER = /^[+-]?\d+(\.0*)?$/;
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const BOOLEANS: Readonly<Record<string, boolean>> = { true: true, false: false, '1': true, '0': false };

function wrongType(field: SfField, text: string): Coerced {
  return {
    ok: false,
    error: sfError('INVALID_TYPE_ON_FIELD_IN_RECORD', `${field.label}: value not of required type: ${shown(text)}`, [
      field.name,
    ]),
  };
}

/**
 * Converts a non-empty CSV cell to the field's stored type. Booleans accept `true`/`false` in any
 * case plus `1`/`0` (other spellings are unconfirmed, so refused). `id` and `reference` values are
 * checked by the caller, which needs the store.
 */
export function coerceValue(field: SfField, text: string): Coerced {
  switch (field.type) {
    case 'string':
    case 'textarea':
    case 'id':
    case 'reference': {
      const max = field.maxLength;
      if (max !== undefined && text.length > max) {
        const message = `${field.label}: data value too large: ${shown(text)} (max length=${max})`;
        return { ok: false, error: sfError('STRING_TOO_LONG', message, [field.name]) };
      }
      return { ok: true, value: text };
    }
    case 'int':
      return INTEGER.test(text) ? { ok: true, value: Math.trunc(Number(text)) } : wrongType(field, text);
    case 'number':
    case 'double':
    case 'currency':
      return DECIMAL.test(text) ? { ok: true, value: Number(text) } : wrongType(field, text);
    case 'boolean': {
      const value = BOOLEANS[text.toLowerCase()];
      return value === undefined ? wrongType(field, text) : { ok: true, value };
    }
    case 'date': {
      const value = parseSfDate(text);
      return value === undefined ? wrongType(field, text) : { ok: true, value };
    }
    case 'datetime': {
      const value = parseSfDateTime(text);
      return value === undefined ? wrongType(field, text) : { ok: true, value };
    }
  }
}
