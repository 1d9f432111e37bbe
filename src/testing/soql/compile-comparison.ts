import { resolveRelativeDate, type EpochRange } from './date-literals.js';
import { likePattern } from './like-pattern.js';
import type { SoqlComparisonOperator, SoqlLiteral } from './soql-ast.js';
import { DAY_MS, parseDateOnly, toEpochMs } from './temporal.js';

/** Tests one stored value. */
export type ValueTest = (value: unknown) => boolean;

/** Salesforce stores no empty strings: an empty text field is null. */
export function isNullish(value: unknown): boolean {
  return value === null || value === undefined || value === '';
}

function ordered(operator: SoqlComparisonOperator, sign: number): boolean {
  switch (operator) {
    case '=':
      return sign === 0;
    case '!=':
      return sign !== 0;
    case '<':
      return sign < 0;
    case '<=':
      return sign <= 0;
    case '>':
      return sign > 0;
    case '>=':
      return sign >= 0;
    default:
      return false;
  }
}

const sign = (a: number | string | boolean, b: number | string | boolean): number => (a < b ? -1 : a > b ? 1 : 0);

function toNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  return undefined;
}

function toBoolean(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string' && /^(true|false)$/i.test(value)) return value.toLowerCase() === 'true';
  return undefined;
}

function inRange(operator: SoqlComparisonOperator, t: number, range: EpochRange): boolean {
  switch (operator) {
    case '=':
      return t >= range.start && t < range.end;
    case '!=':
      return t < range.start || t >= range.end;
    case '<':
      return t < range.start;
    case '<=':
      return t < range.end;
    case '>':
      return t >= range.end;
    case '>=':
      return t >= range.start;
    default:
      return false;
  }
}

/** The instants a temporal literal stands for: a day for a date, one millisecond for a date-time. */
function temporalRange(literal: SoqlLiteral, now: Date): EpochRange | undefined {
  if (literal.kind === 'date') {
    const start = parseDateOnly(literal.value) ?? Number.NaN;
    return { start, end: start + DAY_MS };
  }
  if (literal.kind === 'datetime') return { start: literal.epochMs, end: literal.epochMs + 1 };
  if (literal.kind === 'relativeDate') return resolveRelativeDate(literal.name, literal.amount, now);
  return undefined;
}

// A value that cannot be read as the literal's type differs from it: only `!=` holds.
function typed<T>(
  convert: (v: unknown) => T | undefined,
  operator: SoqlComparisonOperator,
  test: (v: T) => boolean,
): ValueTest {
  return (value) => {
    const converted = convert(value);
    return converted === undefined ? operator === '!=' : test(converted);
  };
}

function compileNonNull(operator: SoqlComparisonOperator, literal: SoqlLiteral, now: Date): ValueTest {
  switch (literal.kind) {
    case 'string': {
      // Salesforce compares text case-insensitively.
      const expected = literal.value.toLowerCase();
      return (value) => ordered(operator, sign(String(value).toLowerCase(), expected));
    }
    case 'number':
      return typed(toNumber, operator, (n) => ordered(operator, sign(n, literal.value)));
    case 'boolean':
      return typed(toBoolean, operator, (b) => ordered(operator, sign(b, literal.value)));
    default: {
      const range = temporalRange(literal, now);
      if (range === undefined) return () => false;
      return typed(toEpochMs, operator, (t) => inRange(operator, t, range));
    }
  }
}

/**
 * Compiles `<field> <operator> <literal>` into a test on the field's value, with Salesforce's
 * null rules: `= null` / `!= null` test for null; a null value satisfies only `!=` against a
 * non-null literal (SOQL's `!=` includes nulls); `<`, `>`, LIKE etc. are false on null.
 * `relativeDate` literals are resolved once, against `now`.
 */
export function compileComparison(operator: SoqlComparisonOperator, literal: SoqlLiteral, now: Date): ValueTest {
  if (operator === 'LIKE') {
    if (literal.kind !== 'string') return () => false;
    const re = likePattern(literal.value, literal.literalWildcards);
    return (value) => !isNullish(value) && re.test(String(value));
  }
  if (literal.kind === 'null' || (literal.kind === 'string' && literal.value === '')) {
    if (operator === '=') return isNullish;
    if (operator === '!=') return (value) => !isNullish(value);
    return () => false;
  }
  const test = compileNonNull(operator, literal, now);
  return (value) => (isNullish(value) ? operator === '!=' : test(value));
}
